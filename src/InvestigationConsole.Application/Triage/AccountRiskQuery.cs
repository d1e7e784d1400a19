using System.Text.Json;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Application.Triage;

/// <summary>One signal of an account's explanation, as the detection run stored it.</summary>
public sealed record RiskSignalView(string Name, string Family, double Value, double Contribution, double Max, string Evidence)
{
    public bool Fired => Contribution > 0;
}

/// <summary>A point of the score trend: a change written by a detection run, or a dismissal.</summary>
public sealed record ScorePoint(DateTimeOffset At, double Score, bool Flagged, string Reason);

/// <summary>Who holds the account and whether it was dismissed.</summary>
public sealed record ReviewState(string? ClaimedBy, DateTimeOffset? ClaimExpiresAt, string? DismissedBy, DateTimeOffset? DismissedAt, string? DismissalReason);

/// <summary>
/// An account's risk as an investigator reads it: score, flag, SLA, explanation, trend and triage state.
/// <paramref name="ChangedAt"/> is when a run last changed the stored score (runs leave unchanged rows alone);
/// <paramref name="CheckedAt"/> is when the latest completed run finished, which looked at it too.
/// </summary>
public sealed record AccountRiskView(
    string AccountId,
    double Score,
    double ScoreBeforeCluster,
    bool Flagged,
    TriageSeverity Severity,
    DateTimeOffset? FlaggedAt,
    DateTimeOffset? DueAt,
    string? ClusterId,
    IReadOnlyList<string> CorroboratingFamilies,
    IReadOnlyList<RiskSignalView> Signals,
    IReadOnlyList<ScorePoint> History,
    ReviewState Review,
    DateTimeOffset ChangedAt,
    DateTimeOffset? CheckedAt);

/// <summary>Reads an account's stored risk; null when the account is unknown or not scored yet.</summary>
public sealed class AccountRiskQuery(IConsoleDbContextFactory contexts, IOptions<TriageOptions> options)
{
    public const int MaxHistory = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AccountRiskView?> ReadAsync(string accountId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var row = await (
                from account in db.Accounts.AsNoTracking()
                join score in db.AccountRiskScores.AsNoTracking() on account.Key equals score.AccountKey
                join held in db.AccountReviews.AsNoTracking() on account.Key equals held.AccountKey into holds
                from held in holds.DefaultIfEmpty()
                where account.AccountId == accountId
                select new { account.Key, Risk = score, Review = held })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var history = await db.AccountScoreChanges.AsNoTracking()
            .Where(c => c.AccountKey == row.Key)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Take(MaxHistory)
            .Select(c => new ScorePoint(c.At, c.Score, c.Flagged, c.Reason))
            .ToListAsync(cancellationToken);
        history.Reverse();
        var checkedAt = await db.DetectionRuns.AsNoTracking()
            .Where(r => r.Status == DetectionRunStatus.Completed)
            .OrderByDescending(r => r.Id)
            .Select(r => r.FinishedAt)
            .FirstOrDefaultAsync(cancellationToken);

        var triage = options.Value;
        var risk = row.Risk;
        var review = row.Review;
        return new AccountRiskView(
            accountId,
            risk.Score,
            risk.ScoreBeforeCluster,
            risk.Flagged,
            triage.SeverityOf(risk.Score),
            risk.FirstFlaggedAt,
            risk.Flagged && risk.FirstFlaggedAt is { } at ? triage.DueAt(at, risk.Score) : null,
            risk.ClusterId,
            risk.CorroboratingFamilies.Split(';', StringSplitOptions.RemoveEmptyEntries),
            ParseSignals(risk.SignalsJson),
            history,
            new ReviewState(review?.ClaimedBy, review?.ClaimExpiresAt, review?.DismissedBy, review?.DismissedAt, review?.DismissalReason),
            risk.ComputedAt,
            checkedAt);
    }

    /// <summary>
    /// The stored explanation, strongest first; a damaged document yields no signals rather than an error page. Each
    /// signal is a row <c>[name, family, value, contribution, max, evidence]</c>, or, as runs before session 16 stored
    /// it (and kept while the score is unchanged), an object with those names.
    /// </summary>
    public static IReadOnlyList<RiskSignalView> ParseSignals(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var signals = new List<RiskSignalView>(document.RootElement.GetArrayLength());
            foreach (var element in document.RootElement.EnumerateArray())
            {
                signals.Add(element.ValueKind == JsonValueKind.Array
                    ? new RiskSignalView(
                        element[0].GetString() ?? "", element[1].GetString() ?? "", element[2].GetDouble(), element[3].GetDouble(), element[4].GetDouble(),
                        element[5].GetString() ?? "")
                    : element.Deserialize<RiskSignalView>(Json) ?? throw new JsonException("A signal is null."));
            }

            return signals.OrderByDescending(s => s.Contribution).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            return [];
        }
    }
}

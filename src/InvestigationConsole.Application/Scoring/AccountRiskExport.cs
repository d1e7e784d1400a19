using InvestigationConsole.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Scoring;

/// <summary>One account's stored risk; <see cref="RiskScore"/> is null for an account no run has scored yet.</summary>
public sealed record AccountRiskRow(string AccountId, double? RiskScore, bool Flagged, string? ClusterId, IReadOnlyList<string> TopSignals);

/// <summary>Every account with its stored risk, one row per account, ordered by account id.</summary>
public sealed class AccountRiskExport(IConsoleDbContextFactory contexts)
{
    public async IAsyncEnumerable<AccountRiskRow> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var rows = from a in db.Accounts.AsNoTracking()
                   join r in db.AccountRiskScores.AsNoTracking() on a.Key equals r.AccountKey into scores
                   from r in scores.DefaultIfEmpty()
                   orderby a.AccountId
                   select new { a.AccountId, Score = (double?)r!.Score, Flagged = (bool?)r.Flagged, r.ClusterId, r.TopSignals };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return new AccountRiskRow(row.AccountId, row.Score, row.Flagged ?? false, row.ClusterId,
                string.IsNullOrEmpty(row.TopSignals) ? [] : row.TopSignals.Split(';'));
        }
    }
}

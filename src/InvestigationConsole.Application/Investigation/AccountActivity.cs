using InvestigationConsole.Application.Common;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Domain.Traffic;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Investigation;

/// <summary>One hourly rollup row of an account: what it sent to one model in one UTC hour.</summary>
public sealed record ActivityHour(DateTimeOffset Hour, string Model, int Requests, long InputTokens, long OutputTokens);

/// <summary>An hour in which the account sent far more than it usually does.</summary>
public sealed record ActivityBurst(DateTimeOffset Hour, int Requests, double TimesMedian);

/// <summary>An account's traffic over time, from the hourly rollups, with the moments worth marking on a timeline.</summary>
public sealed record AccountActivity(IReadOnlyList<ActivityHour> Hours, IReadOnlyList<ModelRelease> ModelReleases, IReadOnlyList<ActivityBurst> Bursts)
{
    public IReadOnlyList<string> Models { get; } = Hours.GroupBy(h => h.Model).OrderByDescending(g => g.Sum(h => h.Requests)).Select(g => g.Key).ToArray();
}

/// <summary>
/// Reads an account's hourly rollups (a range of the rollup table's primary key), and marks the model releases
/// inferred from the whole data set and the account's bursts.
/// </summary>
public sealed class AccountActivityQuery(IConsoleDbContextFactory contexts)
{
    /// <summary>An hour is a burst when it holds this many times the account's median active hour.</summary>
    public const double BurstFactor = 4;

    /// <summary>Fewer requests than this in an hour is never a burst, however quiet the account usually is.</summary>
    public const int BurstFloor = 20;

    public const int MaxBursts = 5;

    public async Task<AccountActivity> ReadAsync(int accountKey, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        // Both rollup tiers: an hour and model may have a row in each, added up here (an account has a few thousand).
        var rows = (await db.ActivityHours.AsNoTracking()
                .Where(h => h.AccountKey == accountKey)
                .Select(h => new { h.Hour, h.ModelId, h.Requests, h.InputTokens, h.OutputTokens })
                .ToListAsync(cancellationToken))
            .GroupBy(h => (h.Hour, h.ModelId))
            .Select(g => new { g.Key.Hour, g.Key.ModelId, Requests = g.Sum(h => h.Requests), InputTokens = g.Sum(h => h.InputTokens), OutputTokens = g.Sum(h => h.OutputTokens) })
            .OrderBy(h => h.Hour).ThenBy(h => h.ModelId)
            .ToList();

        // The model lookups are a few dozen rows: the whole list is cheaper than a query per model.
        var models = await db.LookupValues.AsNoTracking()
            .Where(v => v.Kind == LookupKind.Model)
            .Select(v => new { v.Id, v.Value, v.FirstSeenAt })
            .ToListAsync(cancellationToken);
        var names = models.ToDictionary(m => m.Id, m => m.Value);
        var hours = rows
            .Select(r => new ActivityHour(ActivityClock.HourStart(r.Hour), names.GetValueOrDefault(r.ModelId, $"model #{r.ModelId}"), r.Requests, r.InputTokens, r.OutputTokens))
            .ToArray();

        var releases = models.Count == 0
            ? []
            : ModelReleases.Infer(models.Select(m => KeyValuePair.Create(m.Value, m.FirstSeenAt)), models.Min(m => m.FirstSeenAt));
        return new AccountActivity(hours, releases, FindBursts(hours));
    }

    public static IReadOnlyList<ActivityBurst> FindBursts(IEnumerable<ActivityHour> hours)
    {
        var perHour = hours.GroupBy(h => h.Hour).Select(g => (Hour: g.Key, Requests: g.Sum(h => h.Requests))).ToArray();
        if (perHour.Length < 3)
        {
            return [];
        }

        var sorted = perHour.Select(h => h.Requests).Order().ToArray();
        var median = Math.Max(1.0, sorted[sorted.Length / 2]);
        return perHour
            .Where(h => h.Requests >= BurstFloor && h.Requests >= BurstFactor * median)
            .OrderByDescending(h => h.Requests).ThenBy(h => h.Hour)
            .Take(MaxBursts)
            .Select(h => new ActivityBurst(h.Hour, h.Requests, Math.Round(h.Requests / median, 1)))
            .OrderBy(b => b.Hour)
            .ToArray();
    }
}

using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Triage;

/// <summary>Accounts per score band of ten (0–9, 10–19, …, 90–100).</summary>
public sealed record ScoreBand(int From, int To, int Accounts, bool Flagged);

public sealed record FlaggedDay(DateOnly Day, int Accounts);

public sealed record TopCluster(string Id, double Risk, int Size, bool IsCampaign, string Description);

public sealed record IngestStatusSummary(int Running, int Queued, int Failed, DateTimeOffset? LastCompletedAt, string? LastFileName, long RequestsStored);

public sealed record RecomputeSummary(DetectionRunKind Kind, DetectionRunStatus Status, DateTimeOffset? FinishedAt, int Accounts, int Flagged, int Clusters, string? Error);

/// <summary>Everything the investigators' home page shows, read in one go.</summary>
public sealed record DashboardView(
    IReadOnlyDictionary<QueueScope, int> Queue,
    IReadOnlyList<ScoreBand> Distribution,
    IReadOnlyList<FlaggedDay> FlaggedPerDay,
    IReadOnlyList<TopCluster> TopClusters,
    IngestStatusSummary Ingest,
    RecomputeSummary? LastRecompute,
    int ScoredAccounts);

/// <summary>
/// The dashboard's figures: queue counts, risk distribution, flagged per day, top clusters, ingest and recompute state.
/// The score figures change only when a detection run completes and the stored-request total only when ingestion
/// commits, so both are cached under the data version; queue counts and job states are read on every load.
/// </summary>
public sealed class TriageDashboard(IConsoleDbContextFactory contexts, TriageQueue queue, DerivedFigures figures, TimeProvider clock)
{
    public const int Days = 30;

    /// <summary>Clusters on the dashboard, campaigns first, riskiest first.</summary>
    public const int TopClusters = 6;

    public async Task<DashboardView> ReadAsync(string user, CancellationToken cancellationToken = default)
    {
        var counts = await queue.CountsAsync(user, cancellationToken);
        await using var db = contexts.Create();
        var version = await DerivedFigures.VersionAsync(db, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var scores = await figures.GetAsync("dashboard-scores", (version.Run, today), c => ReadScoresAsync(today, c), cancellationToken);
        var requestsStored = await figures.GetAsync("dashboard-requests", (version.FilesIngested, version.LinesAccepted),
            async c =>
            {
                await using var read = contexts.Create();
                return await read.Accounts.AsNoTracking().SumAsync(a => a.RequestCount, c);
            },
            cancellationToken);

        var clusters = await db.Clusters.AsNoTracking()
            .OrderByDescending(c => c.IsCampaign).ThenByDescending(c => c.Risk).ThenBy(c => c.Id)
            .Take(TopClusters)
            .Select(c => new TopCluster(c.Id, c.Risk, c.Size, c.IsCampaign, c.Description))
            .ToListAsync(cancellationToken);

        var files = db.IngestFiles.AsNoTracking();
        var last = await files.Where(f => f.Status == IngestStatus.Completed).OrderByDescending(f => f.CompletedAt)
            .Select(f => new { f.CompletedAt, f.FileName }).FirstOrDefaultAsync(cancellationToken);
        var ingest = new IngestStatusSummary(
            await files.CountAsync(f => f.Status == IngestStatus.Running, cancellationToken),
            await files.CountAsync(f => f.Status == IngestStatus.Queued, cancellationToken),
            await files.CountAsync(f => f.Status == IngestStatus.Failed, cancellationToken),
            last?.CompletedAt,
            last?.FileName,
            requestsStored);

        // Failed runs do not move the data version, so the last run's state is read live (one row off an index).
        var run = await db.DetectionRuns.AsNoTracking()
            .Where(r => r.Status == DetectionRunStatus.Completed || r.Status == DetectionRunStatus.Failed)
            .OrderByDescending(r => r.Id)
            .Select(r => new RecomputeSummary(r.Kind, r.Status, r.FinishedAt, r.AccountsTotal, r.AccountsFlagged, r.Clusters, r.Error))
            .FirstOrDefaultAsync(cancellationToken);

        return new DashboardView(counts, scores.Distribution, scores.FlaggedPerDay, clusters, ingest, run, scores.ScoredAccounts);
    }

    /// <summary>
    /// Bands the scores in SQL (the (Flagged, Score) index covers them: ten rows come back, not one per account) and
    /// reads the first-flagged times of the flagged accounts only, through the same index.
    /// </summary>
    private async Task<ScoreFigures> ReadScoresAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var scores = db.AccountRiskScores.AsNoTracking();
        var bands = await scores
            .GroupBy(r => (int)(r.Score / 10))
            .Select(g => new { Band = g.Key, Accounts = g.Count(), Flagged = g.Count(r => r.Flagged) })
            .ToListAsync(cancellationToken);
        var bandCounts = new int[10];
        var bandFlagged = new bool[10];
        foreach (var band in bands)
        {
            var at = Math.Clamp(band.Band, 0, 9);
            bandCounts[at] += band.Accounts;
            bandFlagged[at] |= band.Flagged > 0;
        }

        var distribution = Enumerable.Range(0, 10)
            .Select(band => new ScoreBand(band * 10, band == 9 ? 100 : (band * 10) + 9, bandCounts[band], bandFlagged[band]))
            .ToList();

        var since = today.AddDays(-(Days - 1));
        var sinceOffset = new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var flagged = true; // a parameter, so SQLite seeks the (Flagged, Score) index rather than scanning the table
        var flaggedAt = await scores.Where(r => r.Flagged == flagged && r.FirstFlaggedAt >= sinceOffset)
            .Select(r => r.FirstFlaggedAt!.Value).ToListAsync(cancellationToken);
        var perDay = flaggedAt.CountBy(at => DateOnly.FromDateTime(at.UtcDateTime)).ToDictionary();
        var days = Enumerable.Range(0, Days).Select(d => since.AddDays(d)).Select(day => new FlaggedDay(day, perDay.GetValueOrDefault(day))).ToList();
        return new ScoreFigures(distribution, days, bandCounts.Sum());
    }

    private sealed record ScoreFigures(IReadOnlyList<ScoreBand> Distribution, IReadOnlyList<FlaggedDay> FlaggedPerDay, int ScoredAccounts);
}

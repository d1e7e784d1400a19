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

/// <summary>The dashboard's figures: queue counts, risk distribution, flagged per day, top clusters, ingest and recompute state.</summary>
public sealed class TriageDashboard(IConsoleDbContextFactory contexts, TriageQueue queue, TimeProvider clock)
{
    public const int Days = 30;

    public async Task<DashboardView> ReadAsync(string user, CancellationToken cancellationToken = default)
    {
        var counts = await queue.CountsAsync(user, cancellationToken);
        await using var db = contexts.Create();
        var scores = db.AccountRiskScores.AsNoTracking();

        // The score column is read whole (one double per account, ~2 MB at 224k accounts): banding in SQL would
        // need provider-specific casts, and this stays well inside the page budget.
        var values = await scores.Select(r => new { r.Score, r.Flagged }).ToListAsync(cancellationToken);
        var bandCounts = new int[10];
        var bandFlagged = new bool[10];
        foreach (var v in values)
        {
            bandCounts[Band(v.Score)]++;
            bandFlagged[Band(v.Score)] |= v.Flagged;
        }

        var distribution = Enumerable.Range(0, 10)
            .Select(band => new ScoreBand(band * 10, band == 9 ? 100 : (band * 10) + 9, bandCounts[band], bandFlagged[band]))
            .ToList();

        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(-(Days - 1));
        var sinceOffset = new DateTimeOffset(since, TimeSpan.Zero);
        var flaggedAt = await scores.Where(r => r.Flagged && r.FirstFlaggedAt >= sinceOffset).Select(r => r.FirstFlaggedAt!.Value).ToListAsync(cancellationToken);
        var perDay = Enumerable.Range(0, Days).Select(d => DateOnly.FromDateTime(since.AddDays(d)))
            .Select(day => new FlaggedDay(day, flaggedAt.Count(at => DateOnly.FromDateTime(at.UtcDateTime) == day)))
            .ToList();

        var clusters = await db.Clusters.AsNoTracking()
            .OrderByDescending(c => c.IsCampaign).ThenByDescending(c => c.Risk).ThenBy(c => c.Id)
            .Take(6)
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
            await db.Accounts.AsNoTracking().SumAsync(a => a.RequestCount, cancellationToken));

        var run = await db.DetectionRuns.AsNoTracking()
            .Where(r => r.Status == DetectionRunStatus.Completed || r.Status == DetectionRunStatus.Failed)
            .OrderByDescending(r => r.Id)
            .Select(r => new RecomputeSummary(r.Kind, r.Status, r.FinishedAt, r.AccountsTotal, r.AccountsFlagged, r.Clusters, r.Error))
            .FirstOrDefaultAsync(cancellationToken);

        return new DashboardView(counts, distribution, perDay, clusters, ingest, run, values.Count);
    }

    private static int Band(double score) => Math.Clamp((int)(score / 10), 0, 9);
}

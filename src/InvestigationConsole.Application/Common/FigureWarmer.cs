using InvestigationConsole.Application.Clusters;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Triage;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Common;

/// <summary>What one warm-up prepared, and how long it took.</summary>
public sealed record FigureWarmup(DataVersion Version, int Clusters, TimeSpan Elapsed);

/// <summary>
/// Reads the expensive page figures of a new <see cref="DataVersion"/> before anyone asks for them: the dashboard's and
/// the queue's, and the dossiers of the clusters investigators open first (the dashboard's top clusters and the
/// largest ones). A fleet of thousands of accounts takes seconds to sum; after a warm-up its page answers from
/// <see cref="DerivedFigures"/> like any other. The cache is per process, so this runs in the process that serves pages.
/// </summary>
public sealed class FigureWarmer(
    IConsoleDbContextFactory contexts, TriageDashboard dashboard, ClusterDossier clusters,
    IngestProgressBoard ingest, DetectionProgressBoard detection, TimeProvider clock)
{
    /// <summary>Besides the dashboard's top clusters, this many of the largest are prepared.</summary>
    public const int LargestClusters = 3;

    private DataVersion? _warmed;

    /// <summary>
    /// Prepares the figures when the data version moved since the last warm-up and this process is neither ingesting
    /// nor scoring (the version would move again as soon as it finishes); null when there was nothing to do.
    /// </summary>
    public async Task<FigureWarmup?> WarmIfChangedAsync(CancellationToken cancellationToken = default)
    {
        if (ingest.Running.Count > 0 || detection.Current is not null)
        {
            return null;
        }

        await using var db = contexts.Create();
        var version = await DerivedFigures.VersionAsync(db, cancellationToken);
        if (version == _warmed)
        {
            return null;
        }

        var started = clock.GetTimestamp();
        var view = await dashboard.ReadAsync(user: "", cancellationToken);
        var top = view.TopClusters.Select(c => c.Id);
        var largest = await db.Clusters.AsNoTracking()
            .OrderByDescending(c => c.Size).ThenBy(c => c.Id)
            .Take(LargestClusters)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var ids = top.Union(largest, StringComparer.Ordinal).ToList();
        foreach (var id in ids)
        {
            await clusters.LoadAsync(id, cancellationToken);
        }

        _warmed = version;
        return new FigureWarmup(version, ids.Count, clock.GetElapsedTime(started));
    }
}

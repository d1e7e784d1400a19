using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace InvestigationConsole.Application.Common;

/// <summary>
/// Where the pages' data stands: the latest completed detection run (scores, clusters, links) and the ingest files
/// that finished (completed or failed) with the lines they accepted. A file being ingested moves the version when it
/// finishes, not with every batch: otherwise a long ingest would leave every cached figure cold.
/// </summary>
public sealed record DataVersion(long Run, int FilesIngested, long LinesAccepted);

/// <summary>
/// Figures that are expensive to read but change only when a detection run completes or an ingest file finishes,
/// cached under the <see cref="DataVersion"/> they were read at: a newer version simply misses (what a file still
/// being ingested has stored shows once it finishes).
/// Never cache triage state (claims, dismissals) here: investigators' actions must show immediately.
/// </summary>
public sealed class DerivedFigures(IMemoryCache cache)
{
    /// <summary>Unused entries (older versions, clusters nobody reopens) leave the cache after this long.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    /// <summary>Small reads: the runs' status index and the ingest ledger (one row per file).</summary>
    public static async Task<DataVersion> VersionAsync(IConsoleDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = await db.DetectionRuns.AsNoTracking()
            .Where(r => r.Status == DetectionRunStatus.Completed)
            .MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var files = db.IngestFiles.AsNoTracking().Where(f => f.Status == IngestStatus.Completed || f.Status == IngestStatus.Failed);
        return new DataVersion(run, await files.CountAsync(cancellationToken), await files.SumAsync(f => f.Accepted, cancellationToken));
    }

    /// <summary>The cached figure for this name and version, read once through <paramref name="read"/> when missing.</summary>
    public async Task<T> GetAsync<T>(string name, object version, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        var key = (typeof(T), name, version);
        if (cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }

        var value = await read(cancellationToken);
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.SlidingExpiration = Idle;
        return value;
    }
}

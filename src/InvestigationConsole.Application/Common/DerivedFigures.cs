using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace InvestigationConsole.Application.Common;

/// <summary>
/// Where the pages' data stands: the latest completed detection run (scores, clusters, links) and the ingest ledger
/// (files known and requests accepted so far, which grows with every committed batch).
/// </summary>
public sealed record DataVersion(long Run, int IngestFiles, long IngestAccepted);

/// <summary>
/// Figures that are expensive to read but change only when a detection run completes or ingestion stores requests,
/// cached under the <see cref="DataVersion"/> they were read at: a newer version simply misses, so nothing is stale.
/// Never cache triage state (claims, dismissals) here: investigators' actions must show immediately.
/// </summary>
public sealed class DerivedFigures(IMemoryCache cache)
{
    /// <summary>Unused entries (older versions, clusters nobody reopens) leave the cache after this long.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    /// <summary>Two small reads: the runs' status index and the ingest ledger (one row per file).</summary>
    public static async Task<DataVersion> VersionAsync(IConsoleDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = await db.DetectionRuns.AsNoTracking()
            .Where(r => r.Status == DetectionRunStatus.Completed)
            .MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var files = db.IngestFiles.AsNoTracking().Where(f => f.Status != IngestStatus.Queued);
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

using System.Linq.Expressions;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Ingestion.Queries;

public sealed record IngestHistoryFilter(IngestStatus? Status = null, int Skip = 0, int Take = 25);

/// <summary>One ledger row as the Ingestion page lists it.</summary>
public sealed record IngestFileRow(
    long Id,
    string FileName,
    GatewayStreamKind Stream,
    IngestStatus Status,
    string Source,
    long SizeBytes,
    long LinesRead,
    long Accepted,
    long Duplicates,
    long Rejected,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? Error)
{
    public TimeSpan? Duration => StartedAt is { } started && CompletedAt is { } completed ? completed - started : null;
}

/// <summary>Reads the ingest ledger, newest file first, for the Ingestion page.</summary>
public sealed class IngestHistory(IConsoleDbContextFactory contexts)
{
    private static readonly Expression<Func<IngestFile, IngestFileRow>> ToRow = f => new IngestFileRow(
        f.Id, f.FileName, f.Stream, f.Status, f.Source, f.SizeBytes, f.LinesRead, f.Accepted, f.Duplicates, f.Rejected,
        f.QueuedAt, f.StartedAt, f.CompletedAt, f.Error);

    public async Task<Page<IngestFileRow>> ReadAsync(IngestHistoryFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.IngestFiles.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(f => f.Status == status);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(f => f.Id)
            .Skip(Math.Max(0, filter.Skip))
            .Take(Math.Clamp(filter.Take, 1, 500))
            .Select(ToRow)
            .ToListAsync(cancellationToken);
        return new Page<IngestFileRow>(rows, total);
    }

    /// <summary>The ledger file with exactly these bytes (SHA-256, lower-case hex), if any: the ledger ingests content once.</summary>
    public async Task<IngestFileRow?> FindByContentAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.IngestFiles.AsNoTracking()
            .Where(f => f.Sha256 == sha256)
            .Select(ToRow)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Files the ledger has as running, oldest first: also those that have not reported progress yet, or run on another server.</summary>
    public async Task<IReadOnlyList<IngestFileRow>> RunningAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        return await db.IngestFiles.AsNoTracking()
            .Where(f => f.Status == IngestStatus.Running)
            .OrderBy(f => f.Id)
            .Select(ToRow)
            .ToListAsync(cancellationToken);
    }

    /// <summary>How many ledger files are in each status; statuses without files are absent.</summary>
    public async Task<IReadOnlyDictionary<IngestStatus, int>> CountByStatusAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var counts = await db.IngestFiles.AsNoTracking()
            .GroupBy(f => f.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.Status, c => c.Count);
    }
}

using InvestigationConsole.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Ingestion.Queries;

public sealed record QuarantineFilter(long? FileId = null, string? Reason = null, int Skip = 0, int Take = 25);

/// <summary>A quarantined line with the name of its file. <see cref="RawText"/> is untrusted input: render it as text only.</summary>
public sealed record QuarantinedLineRow(long Id, long FileId, string FileName, long LineNumber, string Reason, string? Field, string Message, string RawText);

public sealed record ReasonCount(string Reason, int Count);

/// <summary>The quarantine of one file: its rejected lines counted by reason, most frequent first.</summary>
public sealed record FileQuarantine(long FileId, string FileName, int Total, IReadOnlyList<ReasonCount> Reasons);

/// <summary>Counts per reason over all files, and per file (newest file first).</summary>
public sealed record QuarantineSummary(int Total, IReadOnlyList<ReasonCount> Reasons, IReadOnlyList<FileQuarantine> Files)
{
    public static QuarantineSummary Empty { get; } = new(0, [], []);
}

/// <summary>Reads the lines ingestion rejected, for Admins to see what the gateway sent and why it was refused.</summary>
public sealed class QuarantineReview(IConsoleDbContextFactory contexts)
{
    /// <summary>The per-file breakdown covers the <paramref name="maxFiles"/> newest files with rejected lines.</summary>
    public async Task<QuarantineSummary> SummarizeAsync(int maxFiles = 50, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var byFileAndReason = await db.QuarantinedLines.AsNoTracking()
            .GroupBy(q => new { q.FileId, q.Reason })
            .Select(g => new { g.Key.FileId, g.Key.Reason, Count = g.Count() })
            .ToListAsync(cancellationToken);
        if (byFileAndReason.Count == 0)
        {
            return QuarantineSummary.Empty;
        }

        var newestFiles = byFileAndReason.Select(c => c.FileId).Distinct().OrderDescending().Take(Math.Max(1, maxFiles)).ToList();
        var names = await db.IngestFiles.AsNoTracking()
            .Where(f => newestFiles.Contains(f.Id))
            .ToDictionaryAsync(f => f.Id, f => f.FileName, cancellationToken);

        var reasons = byFileAndReason
            .GroupBy(c => c.Reason)
            .Select(g => new ReasonCount(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToList();
        var files = newestFiles
            .Select(id =>
            {
                var counts = byFileAndReason.Where(c => c.FileId == id)
                    .Select(c => new ReasonCount(c.Reason, c.Count))
                    .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.Ordinal)
                    .ToList();
                return new FileQuarantine(id, names.GetValueOrDefault(id, $"file #{id}"), counts.Sum(c => c.Count), counts);
            })
            .ToList();
        return new QuarantineSummary(reasons.Sum(r => r.Count), reasons, files);
    }

    /// <summary>Quarantined lines, newest file first and in line order within a file.</summary>
    public async Task<Page<QuarantinedLineRow>> ReadLinesAsync(QuarantineFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.QuarantinedLines.AsNoTracking();
        if (filter.FileId is { } fileId)
        {
            query = query.Where(q => q.FileId == fileId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Reason))
        {
            var reason = filter.Reason.Trim();
            query = query.Where(q => q.Reason == reason);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .Join(db.IngestFiles, q => q.FileId, f => f.Id, (q, f) => new { Line = q, f.FileName })
            .OrderByDescending(x => x.Line.FileId).ThenBy(x => x.Line.LineNumber)
            .Skip(Math.Max(0, filter.Skip))
            .Take(Math.Clamp(filter.Take, 1, 200))
            .Select(x => new QuarantinedLineRow(x.Line.Id, x.Line.FileId, x.FileName, x.Line.LineNumber, x.Line.Reason, x.Line.Field, x.Line.Message, x.Line.RawText))
            .ToListAsync(cancellationToken);
        return new Page<QuarantinedLineRow>(rows, total);
    }
}

using InvestigationConsole.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Audit;

public sealed record AuditTrailFilter(string? Text = null, int Skip = 0, int Take = 50);

public sealed record AuditTrailRow(long Id, DateTimeOffset At, string Actor, string Action, string SubjectType, string SubjectId, string? Details);

/// <summary>Reads the audit log, newest first, for the Compliance and Admin screens.</summary>
public sealed class AuditTrail(IConsoleDbContextFactory contexts)
{
    public async Task<Page<AuditTrailRow>> ReadAsync(AuditTrailFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(e => e.Actor.Contains(text) || e.Action.Contains(text) || e.SubjectId.Contains(text));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, filter.Skip))
            .Take(Math.Clamp(filter.Take, 1, 500))
            .Select(e => new AuditTrailRow(e.Id, e.At, e.Actor, e.Action, e.SubjectType, e.SubjectId, e.Details))
            .ToListAsync(cancellationToken);
        return new Page<AuditTrailRow>(rows, total);
    }
}

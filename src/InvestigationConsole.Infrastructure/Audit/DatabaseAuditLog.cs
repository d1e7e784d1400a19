using InvestigationConsole.Application.Audit;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Infrastructure.Data;

namespace InvestigationConsole.Infrastructure.Audit;

internal sealed class DatabaseAuditLog(InvestigationConsoleDbContext db, TimeProvider clock) : IAuditLog
{
    public async Task RecordAsync(string actor, string action, string subjectType, string subjectId, string? details = null, CancellationToken cancellationToken = default)
    {
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actor, action, subjectType, subjectId, details));
        await db.SaveChangesAsync(cancellationToken);
    }
}

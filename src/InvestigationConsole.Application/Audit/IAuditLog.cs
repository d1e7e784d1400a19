namespace InvestigationConsole.Application.Audit;

/// <summary>Appends to the audit trail. Every action that changes a case, a threshold or an account's status goes through here.</summary>
public interface IAuditLog
{
    Task RecordAsync(string actor, string action, string subjectType, string subjectId, string? details = null, CancellationToken cancellationToken = default);
}

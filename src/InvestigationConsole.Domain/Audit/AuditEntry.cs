namespace InvestigationConsole.Domain.Audit;

/// <summary>One audited action: who did what to which subject, when. Rows are only ever appended.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string SubjectType { get; private set; } = "";
    public string SubjectId { get; private set; } = "";
    public string? Details { get; private set; }

    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, string actor, string action, string subjectType, string subjectId, string? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        At = at;
        Actor = actor;
        Action = action;
        SubjectType = subjectType;
        SubjectId = subjectId;
        Details = details;
    }
}

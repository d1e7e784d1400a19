namespace InvestigationConsole.Domain.Audit;

/// <summary>Action names written to the audit log; stable strings because exports and filters match on them.</summary>
public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string UserLockedOut = "user.locked-out";
    public const string IngestUploaded = "ingest.uploaded";
}

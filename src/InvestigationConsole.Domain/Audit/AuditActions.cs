namespace InvestigationConsole.Domain.Audit;

/// <summary>Action names written to the audit log; stable strings because exports and filters match on them.</summary>
public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string UserLockedOut = "user.locked-out";
    public const string IngestUploaded = "ingest.uploaded";

    // Triage: every change of who holds an account, and every dismissal.
    public const string AccountClaimed = "account.claimed";
    public const string AccountReleased = "account.released";
    public const string AccountAssigned = "account.assigned";
    public const string AccountDismissed = "account.dismissed";

    // Detection: recomputes and every change of weights or thresholds.
    public const string ScoresRecomputed = "scores.recomputed";
    public const string ScoringSettingsChanged = "scoring.settings-changed";
    public const string RecomputeRequested = "scores.recompute-requested";
    public const string HoneypotCanaryAdded = "honeypot.canary-added";
    public const string HoneypotCanaryRetired = "honeypot.canary-retired";
}

namespace InvestigationConsole.Application.Scoring;

/// <summary>Settings of section "DetectionRuns": how runs work, not what they find (that is <c>DetectionSettings</c>).</summary>
public sealed class DetectionRunOptions
{
    public const string Section = "DetectionRuns";

    /// <summary>
    /// A run stores the analyzer state (ADR-006) of the accounts it reads whose last request is at most this long before
    /// the population's newest: those an incremental run will most likely read again, then only their new requests.
    /// Zero stores none.
    /// </summary>
    public TimeSpan ResumableStateWindow { get; set; } = TimeSpan.FromHours(3);
}

namespace InvestigationConsole.Domain.Triage;

/// <summary>How urgently a flagged account must be looked at; sets its due time.</summary>
public enum TriageSeverity
{
    Medium = 0,
    High = 1,
    Critical = 2,
}

namespace InvestigationConsole.Domain.Risk;

/// <summary>A change of an account's score or flag, written only when a run changed one of them.</summary>
public sealed class AccountScoreChange
{
    public long Id { get; set; }
    public int AccountKey { get; set; }
    public DateTimeOffset At { get; set; }
    public double Score { get; set; }
    public bool Flagged { get; set; }
    public long RunId { get; set; }

    /// <summary>Why it changed: first score, flagged, unflagged, score up or down, and the run's trigger.</summary>
    public string Reason { get; set; } = "";
}

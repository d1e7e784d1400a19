namespace InvestigationConsole.Domain.Risk;

/// <summary>
/// An account's current risk as the last detection run left it: score with and without cluster context, the flag,
/// the explanation (every signal as JSON) and when it was first flagged, which survives later runs. A run rewrites the
/// row only when its content changed, so <see cref="ComputedAt"/> and <see cref="RunId"/> name the run that last changed it.
/// </summary>
public sealed class AccountRiskScore
{
    public int AccountKey { get; set; }
    public double Score { get; set; }
    public bool Flagged { get; set; }

    /// <summary>The score before the account's cluster added its coordination signal.</summary>
    public double ScoreBeforeCluster { get; set; }

    /// <summary>The stable id of the account's cluster, null when it has none.</summary>
    public string? ClusterId { get; set; }

    /// <summary>Names of the fired signals, strongest first, joined with ';'.</summary>
    public string TopSignals { get; set; } = "";

    /// <summary>Every signal as a JSON array of {name, family, value, contribution, max, evidence}, strongest first.</summary>
    public string SignalsJson { get; set; } = "[]";

    /// <summary>The families that corroborate the score, joined with ';'.</summary>
    public string CorroboratingFamilies { get; set; } = "";

    /// <summary>When the run that last changed this row ran (not the latest run: unchanged rows are not rewritten).</summary>
    public DateTimeOffset ComputedAt { get; set; }

    /// <summary>The run that last changed this row.</summary>
    public long RunId { get; set; }

    public DateTimeOffset? FirstFlaggedAt { get; set; }

    /// <summary>A hash of every other column but <see cref="ComputedAt"/> and <see cref="RunId"/>: a run tells a changed row by it without reading the text.</summary>
    public long ContentHash { get; set; }
}

namespace InvestigationConsole.Detection.Scoring;

/// <summary>
/// One reason an account looks like a campaign: the measured value, its contribution to the score
/// (0 up to <see cref="Max"/>) and a sentence an investigator can read in a case file.
/// </summary>
public sealed record RiskSignal(string Name, SignalFamily Family, double Value, double Contribution, double Max, string Evidence)
{
    public bool Fired => Contribution > 0;
}

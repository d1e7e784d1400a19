namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>What every signal reads besides the profile: the settings and the population it is judged against.</summary>
public sealed record ScoringContext(ScoringSettings Settings, PopulationBaseline Baseline)
{
    public static ScoringContext Default { get; } = new(ScoringSettings.Default, PopulationBaseline.Empty);
}

/// <summary>One risk signal: reads an <see cref="AccountProfile"/> and says how much it points to a campaign, and why.</summary>
public abstract class RiskSignalRule
{
    private readonly RecentSignals _recent = new();

    public abstract string Name { get; }

    public abstract SignalFamily Family { get; }

    public abstract RiskSignal Evaluate(AccountProfile profile, ScoringContext context);

    protected RiskSignal Measured(double value, SignalWeight weight, ref EvidenceText evidence) =>
        Recent(value, weight.Contribution(value), weight.Max, ref evidence);

    protected RiskSignal Measured(double value, SignalWeight weight, string evidence) =>
        _recent.Get(Name, Family, value, weight.Contribution(value), weight.Max, evidence);

    protected RiskSignal Silent(SignalWeight weight, ref EvidenceText evidence) => Recent(0, 0, weight.Max, ref evidence);

    protected RiskSignal Silent(SignalWeight weight, string evidence) => _recent.Get(Name, Family, 0, 0, weight.Max, evidence);

    private RiskSignal Recent(double value, double contribution, double max, ref EvidenceText evidence)
    {
        var signal = _recent.Get(Name, Family, value, contribution, max, evidence.Text);
        evidence.Clear();
        return signal;
    }
}

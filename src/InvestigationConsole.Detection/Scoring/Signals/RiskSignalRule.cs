using System.Globalization;

namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>What every signal reads besides the profile: the settings and the population it is judged against.</summary>
public sealed record ScoringContext(ScoringSettings Settings, PopulationBaseline Baseline)
{
    public static ScoringContext Default { get; } = new(ScoringSettings.Default, PopulationBaseline.Empty);
}

/// <summary>One risk signal: reads an <see cref="AccountProfile"/> and says how much it points to a campaign, and why.</summary>
public abstract class RiskSignalRule
{
    public abstract string Name { get; }

    public abstract SignalFamily Family { get; }

    public abstract RiskSignal Evaluate(AccountProfile profile, ScoringContext context);

    protected RiskSignal Measured(double value, SignalWeight weight, string evidence) =>
        new(Name, Family, value, weight.Contribution(value), weight.Max, evidence);

    protected RiskSignal Silent(SignalWeight weight, string evidence) => new(Name, Family, 0, 0, weight.Max, evidence);

    protected static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    protected static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    protected static string Number(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}

namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>Machine-regular timing: the coefficient of variation of gaps between requests within sessions.</summary>
public sealed class TimingRegularitySignal : RiskSignalRule
{
    public override string Name => "timing-regularity";
    public override SignalFamily Family => SignalFamily.Behaviour;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var weight = context.Settings.Regularity;
        var timing = profile.InterArrival;
        if (timing.Gaps < context.Settings.MinRequests)
        {
            return Silent(weight, $"only {timing.Gaps:N0} in-session gaps: too few to judge timing");
        }

        var cv = timing.CoefficientOfVariation;
        return Measured(cv, weight, $"gaps between requests average {timing.MeanSeconds:0.0} s with variation {cv:0.00} over {timing.Gaps:N0} gaps (people ≈ 1, scripts near 0)");
    }
}

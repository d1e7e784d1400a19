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
            return Silent(weight, $"only {Count(timing.Gaps)} in-session gaps: too few to judge timing");
        }

        var cv = timing.CoefficientOfVariation;
        return Measured(cv, weight, $"gaps between requests average {Number(timing.MeanSeconds)} s with variation {Number(cv, "0.00")} over {Count(timing.Gaps)} gaps (people ≈ 1, scripts near 0)");
    }
}

namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>
/// An instant pivot: the share of the account's traffic that went to a new model in the 24 h after
/// its release, beyond what the population typically moved.
/// </summary>
public sealed class ModelPivotSignal : RiskSignalRule
{
    public override string Name => "model-pivot";
    public override SignalFamily Family => SignalFamily.Behaviour;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var settings = context.Settings;
        RiskSignal? strongest = null;
        foreach (var window in profile.ReleaseWindows)
        {
            if (window.AllRequests < settings.PivotMinRequests)
            {
                continue;
            }

            var typical = context.Baseline.TypicalShare(window.Model);
            var excess = Math.Max(0, window.Share - typical);
            var signal = Measured(
                excess,
                settings.ModelPivot,
                $"{window.Share:0%} of {window.AllRequests:N0} requests in the 24 h after {window.Model}'s release went to it (population typically {typical:0%})");
            if (strongest is null || signal.Value > strongest.Value)
            {
                strongest = signal;
            }
        }

        return strongest ?? Silent(settings.ModelPivot, "too little traffic around model releases to judge a pivot");
    }
}

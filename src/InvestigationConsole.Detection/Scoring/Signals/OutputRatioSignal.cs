namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>Output tokens per input token: harvesting asks short questions for long, reasoned answers.</summary>
public sealed class OutputRatioSignal : RiskSignalRule
{
    public override string Name => "output-input-ratio";
    public override SignalFamily Family => SignalFamily.Content;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var weight = context.Settings.OutputRatio;
        if (profile.RequestCount < context.Settings.MinPrompts || profile.InputTokens <= 0)
        {
            return Silent(weight, $"only {profile.RequestCount:N0} requests: too few to judge output length");
        }

        var ratio = (double)profile.OutputTokens / profile.InputTokens;
        return Measured(ratio, weight, $"answers are {ratio:0.0}× as long as prompts ({profile.OutputTokens:N0} output vs {profile.InputTokens:N0} input tokens)");
    }
}

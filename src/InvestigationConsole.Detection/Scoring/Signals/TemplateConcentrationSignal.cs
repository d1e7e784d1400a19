namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>Share of prompts that are slot-filled variants of a template the account reuses.</summary>
public sealed class TemplateConcentrationSignal : RiskSignalRule
{
    public override string Name => "template-concentration";
    public override SignalFamily Family => SignalFamily.Content;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var weight = context.Settings.TemplateConcentration;
        if (profile.PromptCount < context.Settings.MinPrompts)
        {
            return Silent(weight, $"only {profile.PromptCount:N0} prompts: too few to judge templating");
        }

        var share = profile.TemplateConcentration;
        return Measured(share, weight, $"{share:0%} of {profile.PromptCount:N0} prompts are near-duplicates of a recurring template");
    }
}

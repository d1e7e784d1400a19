namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>How many capability areas the prompts sweep: products and people stay in a few, harvesters cover many.</summary>
public sealed class CapabilityCoverageSignal : RiskSignalRule
{
    public override string Name => "capability-coverage";
    public override SignalFamily Family => SignalFamily.Content;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var settings = context.Settings;
        if (profile.PromptCount < settings.MinPrompts)
        {
            return Silent(settings.CapabilityCoverage, $"only {profile.PromptCount:N0} prompts: too few to judge capability coverage");
        }

        var minPrompts = Math.Max(1, (long)Math.Ceiling(profile.PromptCount * settings.CoverageMinShare));
        var areas = profile.TraitCounts.CapabilityAreasWith(minPrompts);
        return Measured(areas, settings.CapabilityCoverage, $"prompts cover {areas} of 11 capability areas (each at least {settings.CoverageMinShare:0%} of prompts)");
    }
}

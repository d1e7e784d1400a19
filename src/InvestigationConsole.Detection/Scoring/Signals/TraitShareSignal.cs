using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>The share of an account's prompts carrying some traits, e.g. chain-of-thought elicitation.</summary>
public abstract class TraitShareSignal : RiskSignalRule
{
    public override SignalFamily Family => SignalFamily.Content;

    /// <summary>The flags counted; a prompt counts once per flag, so overlapping flags are capped at the prompt count.</summary>
    protected abstract IReadOnlyList<PromptTraits> Flags { get; }

    /// <summary>What the prompts do, as in "61% of 1,840 prompts {Action}".</summary>
    protected abstract string Action { get; }

    protected abstract SignalWeight Weight(ScoringSettings settings);

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var weight = Weight(context.Settings);
        if (profile.PromptCount < context.Settings.MinPrompts)
        {
            return Silent(weight, $"only {profile.PromptCount:N0} prompts: too few to judge how many {Action}");
        }

        long flagged = 0;
        foreach (var flag in Flags)
        {
            flagged = checked(flagged + profile.TraitCounts[flag]);
        }

        var matching = Math.Min(profile.PromptCount, flagged);
        var share = (double)matching / profile.PromptCount;
        return Measured(share, weight, $"{share:0%} of {profile.PromptCount:N0} prompts {Action}");
    }
}

public sealed class ChainOfThoughtSignal : TraitShareSignal
{
    public override string Name => "chain-of-thought";
    protected override IReadOnlyList<PromptTraits> Flags { get; } = [PromptTraits.ChainOfThought];
    protected override string Action => "elicit chain-of-thought";
    protected override SignalWeight Weight(ScoringSettings settings) => settings.ChainOfThought;
}

public sealed class RubricGradingSignal : TraitShareSignal
{
    public override string Name => "rubric-grading";
    protected override IReadOnlyList<PromptTraits> Flags { get; } = [PromptTraits.RubricGrading, PromptTraits.CensorshipRewrite];
    protected override string Action => "use the model as grader or for censorship-safe rewrites";
    protected override SignalWeight Weight(ScoringSettings settings) => settings.RubricGrading;
}

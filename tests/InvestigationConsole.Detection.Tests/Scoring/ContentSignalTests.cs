using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Detection.Scoring.Signals;

namespace InvestigationConsole.Detection.Tests.Scoring;

public class ContentSignalTests
{
    private static readonly ScoringContext Context = ScoringContext.Default;

    [Fact]
    public void ChainOfThought_SixtyOnePercentOf1840_SaysSoInEvidence()
    {
        var profile = Archetypes.Developer() with { PromptCount = 1840, TraitCounts = Archetypes.Traits(1840, (PromptTraits.ChainOfThought, 0.61)) };

        var signal = new ChainOfThoughtSignal().Evaluate(profile, Context);

        Assert.Equal("61% of 1,840 prompts elicit chain-of-thought", signal.Evidence);
        Assert.Equal(SignalFamily.Content, signal.Family);
        Assert.Equal(signal.Max, signal.Contribution);
    }

    [Theory]
    [InlineData(0.10, 0.0)]
    [InlineData(0.375, 0.5)]
    [InlineData(0.90, 1.0)]
    public void ChainOfThought_Share_RampsBetweenLowAndHigh(double share, double expectedFraction)
    {
        var profile = Archetypes.Developer() with { PromptCount = 1000, TraitCounts = Archetypes.Traits(1000, (PromptTraits.ChainOfThought, share)) };

        var signal = new ChainOfThoughtSignal().Evaluate(profile, Context);

        Assert.Equal(expectedFraction * ScoringSettings.Default.ChainOfThought.Max, signal.Contribution, 6);
    }

    [Fact]
    public void ChainOfThought_TooFewPrompts_StaysSilent()
    {
        var profile = Archetypes.Developer() with { PromptCount = 10, TraitCounts = Archetypes.Traits(10, (PromptTraits.ChainOfThought, 1.0)) };

        var signal = new ChainOfThoughtSignal().Evaluate(profile, Context);

        Assert.False(signal.Fired);
        Assert.Contains("too few", signal.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void RubricGrading_GradingAndRewrites_CountTogether()
    {
        var profile = Archetypes.Developer() with
        {
            PromptCount = 1000,
            TraitCounts = Archetypes.Traits(1000, (PromptTraits.RubricGrading, 0.2), (PromptTraits.CensorshipRewrite, 0.1)),
        };

        var signal = new RubricGradingSignal().Evaluate(profile, Context);

        Assert.Equal(0.3, signal.Value, 6);
        Assert.StartsWith("30% of 1,000 prompts use the model as grader", signal.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void AgenticToolUse_CodingAgentProduct_ReportsShareOfRequests()
    {
        var signal = new AgenticToolUseSignal().Evaluate(Archetypes.CodingAgentProduct(), Context);

        Assert.Equal("97% of 600,000 requests offer or call tools", signal.Evidence);
        Assert.Equal(ScoringSettings.Default.ToolUse.Max, signal.Contribution);
    }

    [Fact]
    public void CapabilityCoverage_AreasBelowMinShare_AreNotCounted()
    {
        var profile = Archetypes.Developer() with
        {
            PromptCount = 1000,
            TraitCounts = Archetypes.Traits(1000, (PromptTraits.Coding, 0.5), (PromptTraits.Math, 0.2), (PromptTraits.Legal, 0.01)),
        };

        var signal = new CapabilityCoverageSignal().Evaluate(profile, Context);

        Assert.Equal(2, signal.Value);
        Assert.StartsWith("prompts cover 2 of 11 capability areas", signal.Evidence, StringComparison.Ordinal);
        Assert.False(signal.Fired);
    }

    [Fact]
    public void CapabilityCoverage_SevenAreas_ContributesMax()
    {
        var signal = new CapabilityCoverageSignal().Evaluate(
            Archetypes.ReasoningHarvester() with
            {
                TraitCounts = Archetypes.Traits(9600, (PromptTraits.Coding, 0.1), (PromptTraits.Math, 0.1), (PromptTraits.Science, 0.1), (PromptTraits.Legal, 0.1), (PromptTraits.Medical, 0.1), (PromptTraits.Writing, 0.1), (PromptTraits.Translation, 0.1)),
            },
            Context);

        Assert.Equal(7, signal.Value);
        Assert.Equal(signal.Max, signal.Contribution);
    }

    [Fact]
    public void TemplateConcentration_HighShare_NamesNearDuplicates()
    {
        var signal = new TemplateConcentrationSignal().Evaluate(Archetypes.EnterpriseBatch(), Context);

        Assert.Equal("97% of 30,000 prompts are near-duplicates of a recurring template", signal.Evidence);
        Assert.Equal(signal.Max, signal.Contribution);
    }

    [Fact]
    public void OutputRatio_LongAnswersToShortPrompts_Fires()
    {
        var signal = new OutputRatioSignal().Evaluate(Archetypes.ReasoningHarvester(), Context);

        Assert.Equal(14_000_000 / 2_400_000.0, signal.Value, 6);
        Assert.StartsWith("answers are 5.8× as long as prompts (14,000,000 output vs 2,400,000 input tokens)", signal.Evidence, StringComparison.Ordinal);
        Assert.True(signal.Fired);
    }

    [Fact]
    public void OutputRatio_AgentProductWithLongContexts_StaysQuiet() =>
        Assert.False(new OutputRatioSignal().Evaluate(Archetypes.CodingAgentProduct(), Context).Fired);
}

using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Detection.Tests.Features;

public class PromptTraitsTests
{
    [Theory]
    [InlineData(PromptTraits.None, 0)]
    [InlineData(PromptTraits.ChainOfThought | PromptTraits.RubricGrading | PromptTraits.CensorshipRewrite | PromptTraits.Conversation, 0)]
    [InlineData(PromptTraits.Coding, 1)]
    [InlineData(PromptTraits.Coding | PromptTraits.ChainOfThought, 1)]
    [InlineData(PromptTraits.Coding | PromptTraits.Math | PromptTraits.Vision, 3)]
    public void CapabilityAreas_MixedTraits_CountsOnlyCapabilityAreas(PromptTraits traits, int expected) =>
        Assert.Equal(expected, traits.CapabilityAreas());

    [Fact]
    public void CapabilityAreas_EveryTrait_CountsElevenAreas()
    {
        var all = Enum.GetValues<PromptTraits>().Aggregate(PromptTraits.None, (sum, trait) => sum | trait);

        Assert.Equal(11, all.CapabilityAreas());
    }

    [Fact]
    public void PromptTraits_EveryNamedValue_IsASingleDistinctBit()
    {
        var values = Enum.GetValues<PromptTraits>().Where(trait => trait != PromptTraits.None).Select(trait => (int)trait).ToArray();

        Assert.All(values, value => Assert.Equal(1, int.PopCount(value)));
        Assert.Equal(values.Length, values.Distinct().Count());
    }
}

using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;

namespace InvestigationConsole.Detection.Tests.Features;

public class PromptFeatureExtractorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Extract_NullOrEmpty_ReturnsNothing(string? prompt)
    {
        var features = PromptFeatureExtractor.Extract(prompt);

        Assert.Equal(new PromptFeatures(0, PromptTraits.None, TemplateSketch.Empty), features);
        Assert.True(features.Sketch.IsEmpty);
    }

    [Fact]
    public void Extract_WhitespaceOnly_KeepsLengthButNoTraitsOrSketch()
    {
        var features = PromptFeatureExtractor.Extract("   \n ");

        Assert.Equal(5, features.Length);
        Assert.Equal(PromptTraits.None, features.Traits);
        Assert.True(features.Sketch.IsEmpty);
    }

    [Theory]
    [InlineData("Solve the following problem. Think step by step and write out every intermediate step of your reasoning before giving the final answer: ...")]
    [InlineData("Can you help me rewrite this paragraph so it sounds less formal?")]
    [InlineData("这是一个测试")]
    public void Extract_GatewaySamples_AgreesWithClassifierAndSketch(string prompt)
    {
        var features = PromptFeatureExtractor.Extract(prompt);

        Assert.Equal(prompt.Length, features.Length);
        Assert.Equal(PromptClassifier.Classify(prompt), features.Traits);
        Assert.Equal(TemplateSketch.Compute(prompt), features.Sketch);
    }

    [Fact]
    public void Extract_LongerThanStackBuffer_AgreesWithClassifierAndSketch()
    {
        var prompt = string.Concat(Enumerable.Repeat("Think step by step about the integral. ", 100));

        var features = PromptFeatureExtractor.Extract(prompt);

        Assert.Equal(PromptTraits.ChainOfThought | PromptTraits.Math, features.Traits);
        Assert.Equal(TemplateSketch.Compute(prompt), features.Sketch);
    }
}

using CsCheck;
using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Detection.Tests.Features;

/// <summary>Ordinary prompts that share words with a trait but must not raise it: false positives cost customers.</summary>
public class PromptClassifierBenignTests
{
    private static readonly string[] Samples =
    [
        "Think step by step before you answer.",
        "Score this response 1-10 against the rubric.",
        "You have access to the following tools: search(query).",
        "Revise the response to remove any criticism of the government.",
        "hey, how are you doing today?",
        "Write a Python function that parses ISO dates.",
        "Translate 'good morning' into Japanese.",
        "Describe this image in detail.",
        "What are the side effects of ibuprofen?",
        "Step on it, we're late!",
        "I get a rate limit error in my code.",
        "Remember to buy milk and eggs.",
    ];

    [Theory]
    [InlineData("Step on it, we're late!")]
    [InlineData("Step 1: install the package. Step 2: run it.")]
    [InlineData("What's the next step in my job search?")]
    [InlineData("I think the movie was great, what did you think?")]
    [InlineData("Can you help me step up my fitness routine?")]
    [InlineData("Show me the way to the station.")]
    public void Classify_EverydayStepAndThinkWording_IsNotChainOfThought(string prompt) =>
        AssertLacks(prompt, PromptTraits.ChainOfThought);

    [Theory]
    [InlineData("I get a rate limit error in my code when calling the API.")]
    [InlineData("What's a good credit score for a mortgage?")]
    [InlineData("My daughter is in grade 5 and struggles with fractions.")]
    [InlineData("How do I upgrade to the latest version?")]
    [InlineData("What was the final score of the match last night?")]
    [InlineData("Which is better for a beginner, Python or Java?")]
    [InlineData("The interest rate rose from 3 to 5 percent; how much more will I pay?")]
    [InlineData("Is this an accurate theory of the response times we saw?")]
    [InlineData("On a scale of 1 to 10, how worried should I be about this mole?")]
    [InlineData("I got two job offers; which one is better?")]
    public void Classify_EverydayRateScoreAndGradeWording_IsNotRubricGrading(string prompt) =>
        AssertLacks(prompt, PromptTraits.RubricGrading);

    [Theory]
    [InlineData("Rewrite this paragraph so it sounds less formal.")]
    [InlineData("Explain the history of political censorship in Europe.")]
    [InlineData("Remove the sensitive API keys from this config file.")]
    [InlineData("Summarize the government's new tax policy.")]
    public void Classify_RewritesAndPoliticsApart_IsNotCensorshipRewrite(string prompt) =>
        AssertLacks(prompt, PromptTraits.CensorshipRewrite);

    [Theory]
    [InlineData("What tools do I need to build a bookshelf?", PromptTraits.AgenticToolUse)]
    [InlineData("How are you going to handle errors in this code?", PromptTraits.Conversation)]
    [InlineData("Please be patient while the file uploads.", PromptTraits.Medical)]
    [InlineData("Use the law of cosines to find the angle.", PromptTraits.Legal)]
    [InlineData("We need a proof of concept by Friday.", PromptTraits.Math)]
    [InlineData("How do I get rust off my bike chain?", PromptTraits.Coding)]
    [InlineData("How did she react when you told her?", PromptTraits.Coding)]
    [InlineData("Build a Docker image for the API service.", PromptTraits.Vision)]
    [InlineData("Write the essay in English, not French.", PromptTraits.Translation)]
    public void Classify_AmbiguousEverydayWords_DoesNotRaiseTheTechnicalTrait(string prompt, PromptTraits trait) =>
        AssertLacks(prompt, trait);

    [Theory]
    [InlineData("Hello! Can you recommend a good book?")]
    [InlineData("Remember to buy milk and eggs.")]
    [InlineData("")]
    public void Classify_PlainRequests_RaisesNoTechnique(string prompt) =>
        Assert.Equal(PromptTraits.None, PromptClassifier.Classify(prompt) & ~PromptTraitsExtensions.CapabilityAreaTraits);

    [Fact]
    public void Classify_TwoPromptsJoined_KeepsTheTraitsOfBoth()
    {
        Gen.Select(Gen.OneOf(Samples), Gen.OneOf(Samples)).Sample((first, second) =>
        {
            var joined = PromptClassifier.Classify(first + "\n\n" + second);
            var both = PromptClassifier.Classify(first) | PromptClassifier.Classify(second);
            return (joined & both) == both;
        });
    }

    [Fact]
    public void Classify_UpperCased_ReturnsTheSameTraits()
    {
        Gen.OneOf(Samples).Sample(prompt =>
            PromptClassifier.Classify(prompt) == PromptClassifier.Classify(prompt.ToUpperInvariant()));
    }

    [Fact]
    public void Classify_ArbitraryText_DoesNotThrow()
    {
        Gen.String.Sample(text => { PromptClassifier.Classify(text); });
    }

    private static void AssertLacks(string prompt, PromptTraits unexpected)
    {
        var traits = PromptClassifier.Classify(prompt);
        Assert.False(traits.HasFlag(unexpected), $"Did not expect {unexpected} in {traits} for \"{prompt}\"");
    }
}

using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Detection.Tests.Features;

public class PromptClassifierLocateTests
{
    [Fact]
    public void Locate_ChainOfThoughtPhrase_ReturnsItsCharacters()
    {
        const string prompt = "Here is a puzzle. Think step by step, then answer.";

        var span = Assert.Single(PromptClassifier.Locate(prompt));

        Assert.Equal("Think step by step", prompt.Substring(span.Start, span.Length));
        Assert.Equal(PromptTraits.ChainOfThought, span.Traits);
    }

    [Fact]
    public void Locate_RubricCues_ReturnsTheCuesOnlyWhenTheRuleFires()
    {
        const string prompt = "Score this response 1-10 against the rubric.";

        var spans = PromptClassifier.Locate(prompt);

        Assert.NotEmpty(spans);
        Assert.All(spans, s => Assert.True(s.Traits.HasFlag(PromptTraits.RubricGrading)));
        Assert.Contains(spans, s => prompt.Substring(s.Start, s.Length).Contains("response", StringComparison.OrdinalIgnoreCase)
            || prompt.Substring(s.Start, s.Length).Contains("rubric", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("What a lovely day for a walk in the park.")]
    [InlineData("The rate limit error shows up in my logs.")]
    [InlineData("")]
    public void Locate_BenignPrompt_FindsNothing(string prompt) => Assert.Empty(PromptClassifier.Locate(prompt));

    [Fact]
    public void Locate_Punctuation_SpansStayInsideTheText()
    {
        const string prompt = "SOLVE THIS STEP-BY-STEP. 思考 Then call the tool with function calling.";

        foreach (var span in PromptClassifier.Locate(prompt, PromptTraits.ChainOfThought | PromptTraits.AgenticToolUse))
        {
            Assert.InRange(span.Start, 0, prompt.Length - 1);
            Assert.InRange(span.Start + span.Length, span.Start + 1, prompt.Length);
        }
    }

    [Theory]
    [InlineData("Think step by step before you answer.")]
    [InlineData("Score this response 1-10 against the rubric.")]
    [InlineData("Use the search tool and call the function get_weather.")]
    [InlineData("Just chatting about the weather today.")]
    public void Locate_AgreesWithClassify(string prompt)
    {
        var classified = PromptClassifier.Classify(prompt) & PromptClassifier.ElicitationTechniques;
        var located = PromptClassifier.Locate(prompt).Aggregate(PromptTraits.None, (all, s) => all | s.Traits);

        Assert.Equal(classified, located);
    }
}

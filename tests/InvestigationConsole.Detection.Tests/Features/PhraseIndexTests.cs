using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Tests.Features;

public class PhraseIndexTests
{
    [Fact]
    public void Expand_Alternatives_ListsEveryCombination()
    {
        var phrases = PhraseIndex.Expand("rate|grade the|this answer");

        Assert.Equal(["rate the answer", "rate this answer", "grade the answer", "grade this answer"], phrases);
    }

    [Fact]
    public void Match_PhraseInsideLongerWords_DoesNotMatch()
    {
        var index = PhraseIndex.Build([PhraseGroup.Of(PromptTraits.RubricGrading, "rate the")], []);

        Assert.Equal(PromptTraits.None, Match(index, "an accurate theory"));
        Assert.Equal(PromptTraits.RubricGrading, Match(index, "please RATE, the"));
    }

    [Fact]
    public void Match_DigitsInPhrase_MatchAnyNumber()
    {
        var index = PhraseIndex.Build([PhraseGroup.Of(PromptTraits.RubricGrading, "from 1 to 10")], []);

        Assert.Equal(PromptTraits.RubricGrading, Match(index, "from 0 to 100"));
        Assert.Equal(PromptTraits.None, Match(index, "from one to ten"));
    }

    [Fact]
    public void Match_RuleNeedsEveryCue_RaisesTraitOnlyWithAll()
    {
        var index = PhraseIndex.Build(
            [PhraseGroup.Of(Cue.RewriteRequest, "rewrite"), PhraseGroup.Of(Cue.PoliticalSensitivity, "politically")],
            [new TraitRule(Cue.RewriteRequest | Cue.PoliticalSensitivity, PromptTraits.CensorshipRewrite)]);

        Assert.Equal(PromptTraits.None, Match(index, "rewrite it"));
        Assert.Equal(PromptTraits.None, Match(index, "politically"));
        Assert.Equal(PromptTraits.CensorshipRewrite, Match(index, "politically, rewrite it"));
    }

    [Fact]
    public void Build_PhraseWithoutWords_Throws() =>
        Assert.Throws<ArgumentException>(() => PhraseIndex.Build([PhraseGroup.Of(PromptTraits.Coding, "?!")], []));

    [Fact]
    public void PromptClassifier_BuiltInPhrases_AllExpandAndIndex() =>
        Assert.InRange(PromptClassifier.PhraseCount, 1000, 20000);

    private static PromptTraits Match(PhraseIndex index, string text)
    {
        var words = new ulong[text.Length];
        return index.Match(words.AsSpan(0, PromptWords.Hash(text, words)));
    }
}

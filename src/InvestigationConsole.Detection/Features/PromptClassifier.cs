using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Features;

/// <summary>
/// Names the traits of a prompt by whole-word phrase matching: one pass over the words and one hash
/// lookup per word, fast enough to run on every request at ingestion.
/// </summary>
public static class PromptClassifier
{
    private static readonly PhraseIndex Phrases =
        PhraseIndex.Build(TechniquePhrases.Groups.Concat(CapabilityPhrases.Groups), TechniquePhrases.Rules);

    internal static int PhraseCount => Phrases.PhraseCount;

    public static PromptTraits Classify(ReadOnlySpan<char> prompt) =>
        PromptWords.Read(prompt, static words => FromWords(words));

    internal static PromptTraits FromWords(ReadOnlySpan<ulong> words) => Phrases.Match(words);
}

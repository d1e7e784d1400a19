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

    /// <summary>The ways of asking that <see cref="Locate"/> points out by default: the distillation techniques.</summary>
    public const PromptTraits ElicitationTechniques = PromptTraits.ChainOfThought | PromptTraits.RubricGrading | PromptTraits.AgenticToolUse;

    /// <summary>
    /// Where in the prompt the phrases that named <paramref name="traits"/> stand, in text order, overlapping matches
    /// merged; for showing an investigator why a prompt was classified as it was.
    /// </summary>
    public static IReadOnlyList<PromptPatternSpan> Locate(string prompt, PromptTraits traits = ElicitationTechniques)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var words = new ulong[PromptWords.MaxWords(prompt.Length)];
        var ranges = new Range[words.Length];
        var count = PromptWords.Hash(prompt, words, ranges);
        var spans = new List<PromptPatternSpan>();
        foreach (var match in Phrases.Locate(words.AsSpan(0, count), traits))
        {
            var start = ranges[match.StartWord].Start.Value;
            var end = ranges[match.EndWord - 1].End.Value;
            if (spans.Count > 0 && spans[^1].Start + spans[^1].Length >= start)
            {
                var last = spans[^1];
                spans[^1] = new PromptPatternSpan(last.Start, Math.Max(last.Start + last.Length, end) - last.Start, last.Traits | match.Traits);
            }
            else
            {
                spans.Add(new PromptPatternSpan(start, end - start, match.Traits));
            }
        }

        return spans;
    }

    internal static PromptTraits FromWords(ReadOnlySpan<ulong> words) => Phrases.Match(words);
}

/// <summary>A stretch of prompt text (<see cref="Start"/>, <see cref="Length"/> in chars) that named <see cref="Traits"/>.</summary>
public readonly record struct PromptPatternSpan(int Start, int Length, PromptTraits Traits);

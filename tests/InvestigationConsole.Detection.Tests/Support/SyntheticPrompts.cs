namespace InvestigationConsole.Detection.Tests.Support;

/// <summary>
/// Seeded prompt text with English-like word frequencies: function words dominate and content words
/// follow a long tail, so unrelated prompts share "the", "of" and friends the way real ones do.
/// </summary>
internal sealed class SyntheticPrompts(int seed)
{
    private static readonly string[] FunctionWords =
    [
        "the", "a", "of", "to", "and", "in", "is", "you", "that", "for", "it", "with", "as", "this", "on", "be",
        "are", "your", "by", "or", "from", "at", "what", "which", "how", "each", "all", "please", "can", "will",
        "not", "if", "do", "an", "about", "into", "than", "then", "so", "would", "should", "its", "their", "more",
        "when", "where", "who", "why", "some", "any", "one", "two", "use", "make", "give", "write", "explain",
        "answer", "following", "question",
    ];

    private static readonly string[] Syllables =
    [
        "ba", "ko", "ri", "tem", "lan", "dor", "vi", "su", "mar", "nel", "pa", "to", "gri", "fen", "al", "ur",
        "sto", "ple", "ca", "di", "mon", "ex", "ter", "ion", "ra", "lo", "qui", "ve", "sa", "ne", "bri", "col",
    ];

    private static readonly string[] ContentWords = BuildContentWords(6000);

    private readonly Random _random = new(seed);

    public Random Random => _random;

    /// <summary>A template's fixed wording, one word per element.</summary>
    public string[] Frame(int words)
    {
        var frame = new string[words];
        for (var i = 0; i < words; i++)
        {
            frame[i] = NextWord();
        }

        return frame;
    }

    /// <summary>Distinct positions in a frame where a campaign's script fills in its slot values.</summary>
    public int[] SlotPositions(int frameLength, int slots) =>
        Enumerable.Range(0, frameLength).OrderBy(_ => _random.Next()).Take(slots).ToArray();

    /// <summary>The frame with a fresh content word in each slot.</summary>
    public string Fill(string[] frame, int[] slots)
    {
        var words = (string[])frame.Clone();
        foreach (var slot in slots)
        {
            words[slot] = ContentWords[_random.Next(ContentWords.Length)];
        }

        return string.Join(' ', words);
    }

    public string Unrelated(int words) => string.Join(' ', Frame(words));

    public string Pick(IReadOnlyList<string> choices) => choices[_random.Next(choices.Count)];

    private string NextWord() =>
        _random.NextDouble() < 0.45 ? FunctionWords[LongTail(FunctionWords.Length)] : ContentWords[LongTail(ContentWords.Length)];

    // Log-uniform ranks approximate Zipf's law: a few words are everywhere, most are rare.
    private int LongTail(int count) => (int)Math.Exp(_random.NextDouble() * Math.Log(count + 1)) - 1;

    private static string[] BuildContentWords(int count)
    {
        var words = new List<string>(count);
        foreach (var first in Syllables)
        {
            foreach (var second in Syllables)
            {
                words.Add(first + second);
                words.AddRange(Syllables.Select(third => first + second + third));
            }
        }

        return words.Distinct().Take(count).ToArray();
    }
}

using System.Collections.Frozen;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Features;

/// <summary>Signals that mean little alone and name a trait only together (see <see cref="TraitRule"/>).</summary>
[Flags]
internal enum Cue : ulong
{
    None = 0,
    RewriteRequest = 1UL << 32,
    PoliticalSensitivity = 1UL << 33,
    GradingVerb = 1UL << 34,
    GradingScale = 1UL << 35,
    CandidateAnswers = 1UL << 36,
    PreferenceQuestion = 1UL << 37,
}

/// <summary>
/// Phrases written as words separated by spaces, where "a|b" offers alternatives for one word:
/// "rate|grade the|this response|answer" stands for eight phrases. Digits stand for any number.
/// </summary>
internal readonly record struct PhraseGroup(ulong Signal, string[] Patterns)
{
    public static PhraseGroup Of(PromptTraits trait, params string[] patterns) => new((uint)trait, patterns);

    public static PhraseGroup Of(Cue cue, params string[] patterns) => new((ulong)cue, patterns);
}

/// <summary>A phrase found between two word positions (end exclusive) and the traits it names.</summary>
internal readonly record struct PhraseMatch(int StartWord, int EndWord, PromptTraits Traits);

/// <summary>Names <see cref="Trait"/> when every cue in <see cref="AllOf"/> was seen.</summary>
internal readonly record struct TraitRule(Cue AllOf, PromptTraits Trait);

/// <summary>
/// Finds phrases as whole-word sequences of the prompt's word hashes, so "rate the" never matches inside
/// "accurate theory" and one tokenisation serves both the sketch and the classifier. The phrases form a
/// trie over words: a common word such as "the" costs one more lookup, not a scan of every phrase it starts.
/// </summary>
internal sealed class PhraseIndex
{
    private const int Root = 0;

    private readonly FrozenDictionary<Edge, int> _edges;
    private readonly ulong[] _signals;
    private readonly TraitRule[] _rules;

    private PhraseIndex(FrozenDictionary<Edge, int> edges, ulong[] signals, TraitRule[] rules)
    {
        _edges = edges;
        _signals = signals;
        _rules = rules;
    }

    public int PhraseCount { get; private init; }

    public static PhraseIndex Build(IEnumerable<PhraseGroup> groups, IEnumerable<TraitRule> rules)
    {
        var edges = new Dictionary<Edge, int>();
        var signals = new List<ulong> { 0 };
        var phrases = 0;
        foreach (var group in groups)
        {
            foreach (var text in group.Patterns.SelectMany(Expand))
            {
                var words = new ulong[PromptWords.MaxWords(text.Length)];
                var count = PromptWords.Hash(text, words);
                if (count == 0)
                {
                    throw new ArgumentException($"The phrase '{text}' has no words.", nameof(groups));
                }

                var node = Root;
                foreach (var word in words.AsSpan(0, count))
                {
                    if (!edges.TryGetValue(new Edge(node, word), out var next))
                    {
                        next = signals.Count;
                        signals.Add(0);
                        edges.Add(new Edge(node, word), next);
                    }

                    node = next;
                }

                signals[node] |= group.Signal;
                phrases++;
            }
        }

        return new PhraseIndex(edges.ToFrozenDictionary(), [.. signals], [.. rules]) { PhraseCount = phrases };
    }

    public PromptTraits Match(ReadOnlySpan<ulong> words)
    {
        ulong seen = 0;
        for (var start = 0; start < words.Length; start++)
        {
            var node = Root;
            for (var i = start; i < words.Length && _edges.TryGetValue(new Edge(node, words[i]), out node); i++)
            {
                seen |= _signals[node];
            }
        }

        var traits = (PromptTraits)(uint)seen;
        foreach (var rule in _rules)
        {
            if ((seen & (ulong)rule.AllOf) == (ulong)rule.AllOf)
            {
                traits |= rule.Trait;
            }
        }

        return traits;
    }

    /// <summary>
    /// The longest phrase starting at each word that names one of <paramref name="traits"/>, as word ranges; a cue counts
    /// only when a rule made it name the trait. Matching is the same as <see cref="Match"/>'s, so it never finds more.
    /// </summary>
    public List<PhraseMatch> Locate(ReadOnlySpan<ulong> words, PromptTraits traits)
    {
        var firedCues = 0UL;
        var seen = 0UL;
        for (var start = 0; start < words.Length; start++)
        {
            var node = Root;
            for (var i = start; i < words.Length && _edges.TryGetValue(new Edge(node, words[i]), out node); i++)
            {
                seen |= _signals[node];
            }
        }

        foreach (var rule in _rules)
        {
            if ((seen & (ulong)rule.AllOf) == (ulong)rule.AllOf && (rule.Trait & traits) != 0)
            {
                firedCues |= (ulong)rule.AllOf;
            }
        }

        var matches = new List<PhraseMatch>();
        for (var start = 0; start < words.Length; start++)
        {
            var node = Root;
            PhraseMatch? longest = null;
            for (var i = start; i < words.Length && _edges.TryGetValue(new Edge(node, words[i]), out node); i++)
            {
                var named = NamedTraits(_signals[node], firedCues) & traits;
                if (named != PromptTraits.None)
                {
                    longest = new PhraseMatch(start, i + 1, named);
                }
            }

            if (longest is { } match)
            {
                matches.Add(match);
            }
        }

        return matches;
    }

    private PromptTraits NamedTraits(ulong signal, ulong firedCues)
    {
        var traits = (PromptTraits)(uint)signal;
        foreach (var rule in _rules)
        {
            if ((signal & firedCues & (ulong)rule.AllOf) != 0)
            {
                traits |= rule.Trait;
            }
        }

        return traits;
    }

    internal static IEnumerable<string> Expand(string pattern)
    {
        IEnumerable<string> phrases = [""];
        foreach (var slot in pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var choices = slot.Split('|');
            phrases = phrases.SelectMany(prefix => choices.Select(choice => prefix.Length == 0 ? choice : $"{prefix} {choice}"));
        }

        return phrases.ToList();
    }

    private readonly record struct Edge(int From, ulong Word)
    {
        // Word hashes are already well mixed; folding in the node is enough.
        public override int GetHashCode() => (int)(Word ^ (Word >> 32)) ^ (From * -1640531535);
    }
}

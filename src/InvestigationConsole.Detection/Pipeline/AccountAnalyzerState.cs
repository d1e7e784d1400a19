using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Pipeline;

/// <summary>
/// Where <see cref="AccountProfileBuilder"/> stood after an account's requests: enough to go on with later requests and
/// build the same profile as one pass over all of them (<see cref="AccountProfileBuilder.Resume"/>). Lists whose order
/// a later step depends on keep it: <see cref="Models"/> in insertion order (ties of first use), <see cref="Sketches"/>
/// by reservoir slot.
/// </summary>
public sealed record AccountProfileState
{
    public required long[] Hours { get; init; }
    public required long[] Days { get; init; }
    public required string[] Ips { get; init; }
    public required string[] Prefixes { get; init; }
    public required ModelUse[] Models { get; init; }
    public required TemplateSketch[] Sketches { get; init; }
    public required long[] WindowAll { get; init; }
    public required long[] WindowModel { get; init; }

    /// <summary>Prompts per trait flag, by bit position (32 entries).</summary>
    public required long[] Traits { get; init; }

    public DateTimeOffset? First { get; init; }
    public DateTimeOffset? Last { get; init; }
    public long Requests { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long Prompts { get; init; }
    public long ToolUse { get; init; }
    public long Gaps { get; init; }
    public double GapMean { get; init; }
    public double GapM2 { get; init; }
    public int HoneypotHits { get; init; }
}

/// <summary>
/// Where <see cref="AccountAnalyzer"/> stood after an account's requests (<see cref="AccountAnalyzer.Capture"/>): given
/// to <see cref="AccountAnalyzer.Resume"/> with the account's later requests, in order, it ends in the same
/// <see cref="AccountAnalysis"/> as one pass over all of them. Only the bottom-k of the activity keys is kept: the
/// k smallest of (old ∪ new) are the k smallest of (the k smallest of old ∪ new).
/// </summary>
public sealed record AccountAnalyzerState
{
    public required AccountProfileState Profile { get; init; }

    /// <summary>The first addresses seen (at most 256) and their request counts, in insertion order.</summary>
    public required KeyValuePair<string, int>[] Ips { get; init; }

    /// <summary>The first prefixes seen (at most 256).</summary>
    public required string[] Prefixes { get; init; }

    /// <summary>Client fingerprints and their counts in insertion order: the most used wins, ties to the first inserted.</summary>
    public required KeyValuePair<ulong, int>[] Clients { get; init; }

    public required KeyValuePair<ulong, int>[] BandKeys { get; init; }

    /// <summary>The bottom-k of the activity keys (ascending).</summary>
    public required ulong[] Activity { get; init; }

    public required KeyValuePair<string, DateTimeOffset>[] FirstUse { get; init; }
}

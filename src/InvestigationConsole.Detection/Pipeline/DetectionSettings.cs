using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Pipeline;

/// <summary>
/// Every weight and threshold of one detection run: scoring, linking and clustering. Admins edit it as one
/// document (versioned and audited by the caller); it round-trips through System.Text.Json.
/// </summary>
public sealed record DetectionSettings
{
    public static DetectionSettings Default { get; } = new();

    public ScoringSettings Scoring { get; init; } = ScoringSettings.Default;
    public LinkSettings Linking { get; init; } = LinkSettings.Default;
    public ClusterSettings Clustering { get; init; } = ClusterSettings.Default;

    /// <summary>Width of the time buckets in which synchronised accounts do the same thing (SynchroTrap).</summary>
    public TimeSpan SynchronyBucket { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How many activity keys each account keeps (a consistent bottom-k sample).</summary>
    public int SynchronySample { get; init; } = 96;

    /// <summary>How many of its most frequent template band keys each account offers to template linking.</summary>
    public int TemplateKeysPerAccount { get; init; } = 8;

    /// <summary>A template band key must cover at least this many of the account's prompts to be offered.</summary>
    public int TemplateKeyMinPrompts { get; init; } = 5;
}

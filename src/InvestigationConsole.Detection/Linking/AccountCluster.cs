using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Linking;

/// <summary>How many strong links inside a cluster carry a link type.</summary>
public readonly record struct LinkTypeCount(LinkType Type, int Links);

/// <summary>
/// Accounts joined by strong links: their risk (from the members' scores), what ties them together and
/// whether that adds up to a campaign (large enough, risky enough) rather than an organisation or a lab.
/// </summary>
public sealed record AccountCluster(
    int Id,
    IReadOnlyList<int> Members,
    double Risk,
    double MeanLinkWeight,
    IReadOnlyList<LinkTypeCount> DominantLinkTypes,
    IReadOnlyList<string> SharedAttributes,
    bool IsCampaign)
{
    public int Size => Members.Count;

    public string Description =>
        string.Join(", ", DominantLinkTypes.Take(3).Select(t => $"{t.Type} ×{t.Links}"))
        + (SharedAttributes.Count > 0 ? $"; shares {SharedAttributes[0]}" : "");

    /// <summary>
    /// What ties the members, as each member's explanation names it: the dominant link types and the first shared
    /// attribute, without their link counts. The counts move with every hour of a large cluster's traffic (its page shows
    /// them), and would make each of its members' explanations new every hour, although nothing about the member changed.
    /// </summary>
    public string Ties =>
        string.Join(", ", DominantLinkTypes.Take(3).Select(t => t.Type)) + (SharedAttributes.Count > 0 ? $"; shares {WithoutCount(SharedAttributes[0])}" : "");

    /// <summary>A shared attribute as <see cref="SharedAttributes"/> names it: its text and "(N links)", or "(1 link)".</summary>
    internal static string WithCount(string attribute, int links) => $"{attribute} ({links} {(links == 1 ? "link" : "links")})";

    /// <summary>A shared attribute as <see cref="WithCount"/> names it, without the link count it ends with.</summary>
    private static string WithoutCount(string attribute) =>
        (attribute.EndsWith(" links)", StringComparison.Ordinal) || attribute.EndsWith(" link)", StringComparison.Ordinal))
        && attribute.LastIndexOf(" (", StringComparison.Ordinal) is > 0 and var cut
            ? attribute[..cut]
            : attribute;

    public ClusterContext ToContext() => new(Id, Size, Risk, Ties) { IsCampaign = IsCampaign };
}

/// <summary>Thresholds for calling a cluster a campaign.</summary>
public sealed record ClusterSettings
{
    public static ClusterSettings Default { get; } = new();

    public double StrongLinkWeight { get; init; } = 1.0;

    public int MinCampaignSize { get; init; } = 3;

    /// <summary>Cluster risk (mean score of the riskier half of members) at which it is a campaign.</summary>
    public double CampaignRisk { get; init; } = 16;

    /// <summary>
    /// Mean identity weakness (0..10) of the members at which a risky cluster is a campaign: fleets run on cheap
    /// identities; a research lab or a company of verified, paying accounts does not.
    /// </summary>
    public double CampaignIdentityWeakness { get; init; } = 2.5;

    /// <summary>
    /// A strong link must include infrastructure or ownership evidence (payment, addresses, sign-up burst):
    /// a shared public benchmark template, SDK, release-day model switch or cron-aligned synchrony alone ties strangers, not a fleet.
    /// </summary>
    public bool RequireInfrastructureTie { get; init; } = true;

    /// <summary>Links at least this heavy (but not strong) count towards joining two components.</summary>
    public double MergeLinkWeight { get; init; } = 0.55;

    /// <summary>Between two components of cheap identities (see <see cref="CampaignIdentityWeakness"/>), links this heavy count too.</summary>
    public double CheapMergeLinkWeight { get; init; } = 0.35;

    /// <summary>Two components with this many medium links between them are one fleet (0 turns merging off).</summary>
    public int MergeMinLinks { get; init; } = 3;

    /// <summary>Share of the smaller component's members that must carry one of those links for a merge.</summary>
    public double MergeMinTiedShare { get; init; } = 0.5;

    /// <summary>Components smaller than this (a lone account) never merge by medium links, only by a strong one.</summary>
    public int MergeMinComponentSize { get; init; } = 2;

    /// <summary>Merge passes run until none merges, at most this many: each pass can join a further ring of cells.</summary>
    public int MaxMergePasses { get; init; } = 16;

    /// <summary>
    /// An account seen from at least this many networks (/24, /48) in the window rotates through a proxy pool; a person,
    /// or the users of a NAT, come from a handful (0 turns pool joining off).
    /// </summary>
    public int PoolMinNetworks { get; init; } = 24;

    /// <summary>Two rotating accounts sharing this many networks draw from one pool and join one component.</summary>
    public int PoolMinShared { get; init; } = 3;

    /// <summary>A lone account joins a fleet when at least this many of its networks (and most of them) are the fleet's core ranges.</summary>
    public int CoreMinNetworks { get; init; } = 2;

    public int MaxSharedAttributes { get; init; } = 5;
}

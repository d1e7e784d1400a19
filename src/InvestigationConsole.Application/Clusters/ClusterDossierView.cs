using InvestigationConsole.Domain.Accounts;

namespace InvestigationConsole.Application.Clusters;

/// <summary>Everything the cluster page shows, already bounded for the browser.</summary>
public sealed record ClusterDossierView(
    ClusterHeader Header,
    IReadOnlyList<ClusterMemberRow> Members,
    IReadOnlyList<ClusterGraphLink> Links,
    IReadOnlyList<SharedAttribute> SharedAttributes,
    ClusterTimeline Timeline)
{
    /// <summary>True when the graph or the member list shows fewer members than the cluster has.</summary>
    public bool IsTruncated => Members.Count < Header.Size;
}

public sealed record ClusterHeader(
    string Id,
    double Risk,
    int Size,
    bool IsCampaign,
    string Description,
    IReadOnlyList<string> DominantLinkTypes,
    IReadOnlyList<string> SharedAttributes,
    DateTimeOffset? FirstActivityAt,
    DateTimeOffset? LastActivityAt);

public sealed record ClusterMemberRow(
    int AccountKey,
    string AccountId,
    double Score,
    bool Flagged,
    IReadOnlyList<string> TopSignals,
    UsageTier Tier,
    string? Country,
    DateTimeOffset? CreatedAt,
    long Requests,
    string? ClaimedBy);

/// <summary>A link between two members shown on the page; <see cref="Types"/> are its evidence types, strongest first.</summary>
public sealed record ClusterGraphLink(string SourceId, string TargetId, double Weight, bool IsStrong, IReadOnlyList<string> Types)
{
    public string PrimaryType => Types.Count > 0 ? Types[0] : "Unknown";
}

/// <summary>An attribute value several members share (a payment fingerprint, a /24, a template family), with how many.</summary>
public sealed record SharedAttribute(string Kind, string Value, int Members);

/// <summary>Requests per hour for the busiest members, the rest summed as "others", over consecutive UTC hours.</summary>
public sealed record ClusterTimeline(IReadOnlyList<DateTimeOffset> Hours, IReadOnlyList<TimelineSeries> Series, bool IsTruncated);

public sealed record TimelineSeries(string Name, IReadOnlyList<int> Requests);

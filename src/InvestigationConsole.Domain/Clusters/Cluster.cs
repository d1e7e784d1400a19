namespace InvestigationConsole.Domain.Clusters;

/// <summary>
/// Accounts joined by strong links, as the last detection run found them. <see cref="Id"/> is derived from the
/// member with the smallest account id, so the same group keeps its id across recomputes while that member stays.
/// </summary>
public sealed class Cluster
{
    public string Id { get; set; } = "";
    public double Risk { get; set; }
    public int Size { get; set; }
    public bool IsCampaign { get; set; }

    /// <summary>The link types inside the cluster, most frequent first, as "Type ×links" joined with ';'.</summary>
    public string DominantLinkTypes { get; set; } = "";

    /// <summary>The attributes most members share, as a JSON array of strings.</summary>
    public string SharedAttributesJson { get; set; } = "[]";

    public string Description { get; set; } = "";
    public DateTimeOffset? FirstActivityAt { get; set; }
    public DateTimeOffset? LastActivityAt { get; set; }
    public long RunId { get; set; }
}

/// <summary>An account's membership in a cluster (an account belongs to at most one).</summary>
public sealed class ClusterMember
{
    public int AccountKey { get; set; }
    public string ClusterId { get; set; } = "";
}

/// <summary>
/// A typed, weighted link between two accounts (<see cref="AccountKey"/> &lt; <see cref="OtherAccountKey"/>): every
/// strong link, and each account's few strongest weak ones.
/// </summary>
public sealed class ClusterLink
{
    public long Id { get; set; }
    public int AccountKey { get; set; }
    public int OtherAccountKey { get; set; }
    public double Weight { get; set; }
    public bool IsStrong { get; set; }

    /// <summary>JSON array of {type, weight, shared, attribute}.</summary>
    public string EvidenceJson { get; set; } = "[]";
}

namespace InvestigationConsole.Detection.Linking;

/// <summary>Weights and bucket limits of account linking; serializable, with defaults.</summary>
public sealed record LinkSettings
{
    public static LinkSettings Default { get; } = new();

    /// <summary>A link at least this heavy joins two accounts into one cluster.</summary>
    public double StrongLinkWeight { get; init; } = 1.0;

    /// <summary>Full weight of each link type (index: <see cref="LinkType"/>).</summary>
    public IReadOnlyList<double> TypeWeights { get; init; } = [1.0, 0.6, 0.5, 0.35, 0.25, 0.6, 0.7, 0.4, 0.2];

    /// <summary>How many shared keys of a type give its full weight (index: <see cref="LinkType"/>).</summary>
    public IReadOnlyList<double> Saturation { get; init; } = [1, 1, 2, 1, 1, 3, 8, 1, 1];

    /// <summary>Fewer shared keys than this give no link of that type (index: <see cref="LinkType"/>).</summary>
    public IReadOnlyList<int> MinShared { get; init; } = [1, 1, 1, 1, 1, 2, 4, 1, 1];

    /// <summary>Buckets up to this size carry full weight; larger ones are discounted by sqrt(size ratio).</summary>
    public int SmallBucket { get; init; } = 12;

    /// <summary>Buckets up to this size link every pair; larger ones link each member to its next few.</summary>
    public int MaxPairBucket { get; init; } = 48;

    public int ChainNeighbours { get; init; } = 3;

    /// <summary>Attributes shared by more accounts than this are popular, not evidence (a public SDK, a mobile carrier).</summary>
    public int MaxBucket { get; init; } = 20_000;

    /// <summary>Shared by more independent owners than this, an attribute is ignored: a stock prompt, a popular SDK, a carrier NAT.</summary>
    public int MaxIndependentBucket { get; init; } = 1000;

    /// <summary>An address shared by at least this many accounts, mostly with distinct owners, is a NAT or egress.</summary>
    public int NatMinAccounts { get; init; } = 15;

    /// <summary>Distinct owners (cards, else accounts) per account above which a shared address counts as independent users.</summary>
    public double NatIndependence { get; init; } = 0.5;

    public double NatDiscount { get; init; } = 0.1;

    /// <summary>Multiplier for links between identity-verified accounts of one declared organisation or company domain.</summary>
    public double VerifiedOrganisationDiscount { get; init; } = 0.25;

    /// <summary>
    /// Links lighter than this are dropped: a pair sharing only popular, discounted keys (a carrier NAT, a cloud range)
    /// neither clusters (merging starts at 0.35) nor belongs in an investigator's list of related accounts.
    /// </summary>
    public double MinLinkWeight { get; init; } = 0.05;

    public TimeSpan SignupBurstWindow { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan PivotWindow { get; init; } = TimeSpan.FromHours(1);
}

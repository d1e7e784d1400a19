namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// Typed, weighted links between accounts, found by bucketing every attribute (inverted indexes) instead
/// of comparing accounts pairwise: cost grows with the accounts in shared buckets, not with n².
/// </summary>
public sealed class AccountLinkGraph
{
    private AccountLinkGraph(int accountCount, AccountLink[] links)
    {
        AccountCount = accountCount;
        Links = links;
    }

    public int AccountCount { get; }

    public IReadOnlyList<AccountLink> Links { get; }

    public static AccountLinkGraph Build(IReadOnlyList<AccountLinkFacts> accounts, LinkSettings? settings = null) =>
        Build(accounts, settings, LinkAccumulator.LinkSlices, LinkAccumulator.PairSliceSize);

    /// <param name="linkSlices">Slices of the pair range turned into links in parallel.</param>
    /// <param name="pairSliceSize">Candidate pairs of a type counted as one slice, in parallel with the others.</param>
    /// <remarks>Tests vary the slicing: the graph must not depend on it.</remarks>
    internal static AccountLinkGraph Build(IReadOnlyList<AccountLinkFacts> accounts, LinkSettings? settings, int linkSlices, long pairSliceSize)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        settings ??= LinkSettings.Default;
        for (var i = 0; i < accounts.Count; i++)
        {
            if (accounts[i].Account != i)
            {
                throw new ArgumentException($"Account indexes must be dense and in order; position {i} holds {accounts[i].Account}.", nameof(accounts));
            }
        }

        var burst = settings.SignupBurstWindow.Ticks;
        var pivot = settings.PivotWindow.Ticks;
        var pairs = new LinkAccumulator(accounts, settings, pairSliceSize);

        // Each link type fills its own pair table, so the types run in parallel.
        Parallel.Invoke(
            () => pairs.Add(LinkType.Payment, f => One(f.PaymentFingerprint), key => $"payment method {key}"),
            () => pairs.Add(LinkType.SignupIp, f => One(f.SignupIp), key => $"sign-up address {key}"),
            () => pairs.Add(LinkType.RequestIp, f => f.Ips, key => $"request address {key}"),
            () => pairs.Add(LinkType.Prefix, f => f.SignupPrefix is null ? f.Prefixes : f.Prefixes.Append(f.SignupPrefix).Distinct(), key => $"network {key}"),
            () => pairs.Add(LinkType.ApiBehaviour, f => One(f.ApiBehaviourFingerprint), key => $"API client fingerprint {key}"),
            () => pairs.Add(LinkType.Template, f => f.TemplateKeys, key => $"prompt template {key:x12}"),
            () => pairs.Add(LinkType.Synchrony, f => f.ActivityKeys, _ => "same actions in the same time buckets"),
            () => pairs.Add(
                LinkType.SignupBurst,
                f => f.CreatedAt is { } at && f.SignupPrefix is not null ? One($"{f.SignupPrefix} at {new DateTime(at.UtcTicks / burst * burst, DateTimeKind.Utc):yyyy-MM-dd HH:mm}") : [],
                key => $"sign-up burst from {key} UTC"),
            () => pairs.Add(
                LinkType.ModelPivot,
                f => f.PivotAt is { } at ? One($"{new DateTime(at.UtcTicks / pivot * pivot, DateTimeKind.Utc):yyyy-MM-dd HH:mm}") : [],
                key => $"pivot to the new model at {key} UTC"));
        var links = pairs.ToLinks(linkSlices);
        return new AccountLinkGraph(accounts.Count, links);
    }

    private static IEnumerable<string> One(string? value) => value is null ? [] : [value];
}

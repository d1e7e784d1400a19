using System.Runtime.InteropServices;

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

    /// <param name="memory">
    /// What the last build of these accounts left, read and replaced by this one (see <see cref="LinkMemory"/>): the same
    /// graph, with the pairs and links of the accounts no change reached taken from it. Null: a build on its own.
    /// </param>
    public static AccountLinkGraph Build(IReadOnlyList<AccountLinkFacts> accounts, LinkSettings? settings = null, LinkMemory? memory = null) =>
        Build(accounts, settings, LinkAccumulator.LinkSlices, LinkAccumulator.PairSliceSize, memory);

    /// <param name="linkSlices">Slices of the pair range turned into links in parallel.</param>
    /// <param name="pairSliceSize">Candidate pairs of a type counted as one slice, in parallel with the others.</param>
    /// <remarks>Tests vary the slicing: the graph must not depend on it.</remarks>
    internal static AccountLinkGraph Build(
        IReadOnlyList<AccountLinkFacts> accounts, LinkSettings? settings, int linkSlices, long pairSliceSize, LinkMemory? memory = null)
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

        var burst = new WindowTexts(settings.SignupBurstWindow);
        var pivot = new WindowTexts(settings.PivotWindow);
        var pairs = new LinkAccumulator(accounts, settings, pairSliceSize, memory);

        // Each link type fills its own pair table, so the types run in parallel.
        Parallel.Invoke(
            () => pairs.Add(LinkType.Payment, f => One(f.PaymentFingerprint), key => $"payment method {key}"),
            () => pairs.Add(LinkType.SignupIp, f => One(f.SignupIp), key => $"sign-up address {key}"),
            () => pairs.Add(LinkType.RequestIp, f => f.Ips, key => $"request address {key}"),
            () => pairs.Add(LinkType.Prefix, f => f.SignupPrefix is null || f.Prefixes.Contains(f.SignupPrefix) ? f.Prefixes : [.. f.Prefixes, f.SignupPrefix], key => $"network {key}"),
            () => pairs.Add(LinkType.ApiBehaviour, f => One(f.ApiBehaviourFingerprint), key => $"API client fingerprint {key}"),
            () => pairs.Add(LinkType.Template, f => f.TemplateKeys, key => $"prompt template {key:x12}"),
            () => pairs.Add(LinkType.Synchrony, f => f.ActivityKeys, _ => "same actions in the same time buckets"),
            () => pairs.Add(
                LinkType.SignupBurst,
                f => f.CreatedAt is { } at && f.SignupPrefix is not null ? One($"{f.SignupPrefix} at {burst.Of(at)}") : [],
                key => $"sign-up burst from {key} UTC"),
            () => pairs.Add(
                LinkType.ModelPivot,
                f => f.PivotAt is { } at ? One(pivot.Of(at)) : [],
                key => $"pivot to the new model at {key} UTC"));
        var links = pairs.ToLinks(linkSlices);
        return new AccountLinkGraph(accounts.Count, links);
    }

    private static string[] One(string? value) => value is null ? [] : [value];

    /// <summary>
    /// The start of a time's window as text (UTC, to the minute), formatted once per window: accounts share a few
    /// thousand windows, and a custom date format per account was most of the sign-up burst keys' cost. Not thread-safe:
    /// one link type's keys are made on one thread.
    /// </summary>
    private sealed class WindowTexts(TimeSpan window)
    {
        private readonly Dictionary<long, string> _texts = [];

        public string Of(DateTimeOffset at)
        {
            var start = at.UtcTicks / window.Ticks * window.Ticks;
            ref var text = ref CollectionsMarshal.GetValueRefOrAddDefault(_texts, start, out var exists);
            if (!exists)
            {
                text = $"{new DateTime(start, DateTimeKind.Utc):yyyy-MM-dd HH:mm}";
            }

            return text!;
        }
    }
}

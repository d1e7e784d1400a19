namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// What a link graph build leaves for the next build of the same accounts to reuse: per link type its buckets, each
/// account's places in them and its pairs, and the links by first account. Given to
/// <see cref="AccountLinkGraph.Build(IReadOnlyList{AccountLinkFacts}, LinkSettings?, LinkMemory?)"/>, a build reads what
/// the last one left and leaves its own. One build at a time; the caller holds it between runs (ADR-007).
/// </summary>
/// <remarks>
/// <para>
/// A build with memory finds, per link type, the accounts whose keys of that type (or whose owner, organisation,
/// e-mail domain or identity strength) differ from the last build's facts; facts that are the very same object are
/// not looked at. A type with none takes the last build's buckets and pairs as they are. Otherwise the changed accounts
/// are counted again, and so is every account that a bucket of a key they hold or held gives other partners or another
/// discount than in the last build (its window: the members after it, all of them in a small bucket, the next few in a
/// large one); every other account's pairs are copied, because each of its buckets gives it the same partners with the
/// same discount, in the same key order (a text key's place is its first holder's, who is unchanged), so its pairs add
/// the same discounts in the same order and name the same first key.
/// </para>
/// <para>
/// Links are merged again only for first accounts whose pairs of some type came out different (compared bit for bit,
/// first keys by value or text) or that share a key with an account whose owner facts changed; every other first
/// account's links are the last build's objects. The graph is the same as a build without memory
/// (<c>LinkMemoryTests</c> compares them over random changes of every kind).
/// </para>
/// </remarks>
public sealed class LinkMemory
{
    private volatile LinkState? _state;

    /// <summary>Whether a build has left anything.</summary>
    public bool Holds => _state is not null;

    /// <summary>
    /// How many first accounts the last build merged into links again (the others' links were taken as they were), or
    /// null when it built every link.
    /// </summary>
    public int? LastRelinked => _state?.Relinked;

    /// <summary>
    /// How many first accounts' pairs the last build counted again, summed over the link types it did not take as they
    /// were (every other row was copied), or null when it counted every pair.
    /// </summary>
    public int? LastRecounted => _state?.Recounted;

    /// <summary>Lets go of what the last build left: the next build is a full one.</summary>
    public void Forget() => _state = null;

    /// <summary>What the last build left, if it was of the same number of accounts and settings of the same values.</summary>
    internal LinkState? For(IReadOnlyList<AccountLinkFacts> accounts, LinkSettings settings) =>
        _state is { } state && state.Accounts.Length == accounts.Count && SameValues(state.Settings, settings) ? state : null;

    internal void Keep(LinkState state) => _state = state;

    private static bool SameValues(LinkSettings x, LinkSettings y) =>
        ReferenceEquals(x, y)
        || (x.TypeWeights.SequenceEqual(y.TypeWeights) && x.Saturation.SequenceEqual(y.Saturation) && x.MinShared.SequenceEqual(y.MinShared)
            && x == y with { TypeWeights = x.TypeWeights, Saturation = x.Saturation, MinShared = x.MinShared });
}

/// <summary>
/// One build's facts, settings, per-type state and links (<see cref="LinkStarts"/>[a] is account a's first link), how
/// many first accounts it merged again and how many rows it counted again (null: all).
/// </summary>
internal sealed record LinkState(
    AccountLinkFacts[] Accounts, LinkSettings Settings, LinkAccumulator.TypeState[] Types, AccountLink[] Links, int[] LinkStarts, int? Relinked,
    int? Recounted);

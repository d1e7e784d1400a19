using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// Collects shared-attribute buckets into per-pair, per-type evidence, then turns it into links. Buckets come
/// from sorting (key, account) entries rather than a list per key, so millions of singleton keys cost little.
/// </summary>
/// <param name="pairSliceSize">About this many candidate pairs of a type are counted as one slice, in parallel with the others.</param>
/// <param name="memory">
/// What the last build left (see <see cref="LinkMemory"/>): pairs and links of first accounts its changes cannot reach
/// are taken from it, and <see cref="ToLinks"/> leaves this build's in it. Null: a build that neither reads nor keeps any.
/// </param>
internal sealed partial class LinkAccumulator(
    IReadOnlyList<AccountLinkFacts> accounts, LinkSettings settings, long pairSliceSize = LinkAccumulator.PairSliceSize, LinkMemory? memory = null)
{
    /// <summary>Slices of the pair range that <see cref="ToLinks"/> turns into links in parallel: enough for two to a few cores to share evenly.</summary>
    public const int LinkSlices = 64;

    /// <summary>The default slice size of the pair count: large enough that slicing costs little, small enough for two to a few cores to share evenly.</summary>
    public const long PairSliceSize = 2_000_000;

    private const int MaxPairSlices = 64;

    private readonly TypePairs[] _pairs = Enum.GetValues<LinkType>().Select(_ => TypePairs.None).ToArray();
    /// <summary>Per type, the evidence text of a bucket, by its number.</summary>
    private readonly Func<int, string>[] _describe = new Func<int, string>[Enum.GetValues<LinkType>().Length];

    /// <summary>Each account's owner (card, else organisation, else the account) as a number: the same owner, the same number.</summary>
    private readonly int[] _owners = OwnersOf(accounts);

    /// <summary>Each account's <see cref="AccountLinkFacts.StrongIdentity"/>: most pairs are ruled out of the verified organisation discount without reading their accounts' facts.</summary>
    private readonly bool[] _strong = accounts.Select(facts => facts.StrongIdentity).ToArray();

    /// <summary>Partner sums not in use: one per slice counted at a time, whatever its type, instead of one per slice.</summary>
    private readonly ConcurrentBag<PartnerSums> _partnerSums = [];

    /// <summary>The last build's state when it is of these accounts' number and these settings' values.</summary>
    private readonly LinkState? _earlier = memory?.For(accounts, settings);

    /// <summary>Each type's buckets and pairs, kept for the next build when there is a memory.</summary>
    private readonly TypeState?[] _types = new TypeState?[Enum.GetValues<LinkType>().Length];

    /// <summary>Each type's (key, account) entries sorted by key, kept when there is a memory.</summary>
    private readonly (ulong[] Keys, int[] Accounts)?[] _sorted = new (ulong[] Keys, int[] Accounts)?[Enum.GetValues<LinkType>().Length];

    /// <summary>Each text type's distinct texts by hash, kept when there is a memory.</summary>
    private readonly TextIndex?[] _textIndex = new TextIndex?[Enum.GetValues<LinkType>().Length];

    /// <summary>
    /// Per type, the first accounts whose links must be merged again: their pairs of the type differ from the last
    /// build's, or an account whose owner facts changed shares a counted key with them (null: nothing was reused).
    /// </summary>
    private readonly bool[]?[] _relink = new bool[]?[Enum.GetValues<LinkType>().Length];

    /// <summary>How many first accounts' rows were counted (the others copied), summed over the types built.</summary>
    private int _recounted;

    /// <summary>
    /// Accounts whose facts that bear on every type changed since the last build: the owner (card, organisation or
    /// account), the organisation, e-mail domain or identity strength (the verified-organisation discount).
    /// </summary>
    private bool[]? _ownerChanged;

    /// <summary>
    /// Adds a type whose keys are text: each distinct text becomes a numeric key, its first place (first holder, place in
    /// its list), so that the keys are in order of first appearance (the order of the type's buckets, hence of the sums
    /// of a pair's discounts and of its first key). <paramref name="keysOf"/> is called on one thread.
    /// </summary>
    public void Add(LinkType type, Func<AccountLinkFacts, IReadOnlyList<string>> keysOf, Func<string, string> describe)
    {
        var changed = ChangedSince(keysOf);
        if (changed is { Length: 0 })
        {
            KeepAsItWas(type);
            return;
        }

        var earlier = changed is null ? null : _earlier!.Types[(int)type];
        var texts = earlier is { Sorted: { } sorted, Texts: { } index }
            ? PatchedTexts(sorted, index, changed!, keysOf)
            : NumberedTexts(keysOf, changed);
        _textIndex[(int)type] = memory is null ? null : texts.Index;
        AddEntries(type, texts.Keys, texts.Owners, changed, texts.ChangedKeys, null, texts.TextOf, describe, texts.Sorted, patched: earlier is { Sorted: not null, Texts: not null });
    }

    public void Add(LinkType type, Func<AccountLinkFacts, IReadOnlyList<ulong>> keysOf, Func<ulong, string> describe)
    {
        var changed = ChangedSince(keysOf);
        if (changed is { Length: 0 })
        {
            KeepAsItWas(type);
            return;
        }

        var earlier = changed is null ? null : _earlier!.Types[(int)type].Sorted;
        var (keys, owners) = earlier is null ? EntriesOf(keysOf) : Patched(earlier.Value, changed!, keysOf);
        AddEntries(
            type, keys, owners, changed, [.. KeysOf(changed, keysOf).Distinct().Select(key => new ChangedKey(key, key, Kept: true))], describe, null, null, sorted: earlier is not null, patched: earlier is not null);
    }

    /// <summary>
    /// A numeric type's (key, account) entries sorted by key, from the last build's: its entries of unchanged accounts
    /// merged with the changed accounts' keys now, instead of every account's keys gathered and sorted again. Equal keys
    /// may hold their accounts in another order, which no bucket sees (its members are sorted).
    /// </summary>
    private (ulong[] Keys, int[] Owners) Patched((ulong[] Keys, int[] Accounts) earlier, int[] changed, Func<AccountLinkFacts, IReadOnlyList<ulong>> keysOf)
    {
        var isChanged = new bool[accounts.Count];
        var addedKeys = new List<ulong>();
        var addedOwners = new List<int>();
        foreach (var account in changed)
        {
            isChanged[account] = true;
            foreach (var key in keysOf(accounts[account]))
            {
                addedKeys.Add(key);
                addedOwners.Add(account);
            }
        }

        return Merged(earlier, isChanged, [], addedKeys, addedOwners);
    }

    /// <summary>
    /// A type none of whose accounts changed since the last build has the same entries, buckets and pairs: they are
    /// taken as they are, with the descriptions of their keys, and none of its first accounts is merged again for it.
    /// </summary>
    private void KeepAsItWas(LinkType type)
    {
        var state = _earlier!.Types[(int)type];
        _describe[(int)type] = state.Describe;
        _pairs[(int)type] = state.Pairs;
        _relink[(int)type] = new bool[accounts.Count];
        _types[(int)type] = memory is null ? null : state;
    }

    /// <summary>The keys the changed accounts hold or held (with repeats): every bucket whose members may have changed.</summary>
    private IEnumerable<T> KeysOf<T>(int[]? changed, Func<AccountLinkFacts, IReadOnlyList<T>> keysOf) =>
        (changed ?? []).SelectMany(account => keysOf(_earlier!.Accounts[account]).Concat(keysOf(accounts[account])));

    /// <summary>
    /// The accounts whose keys of a type (or owner facts) differ from the last build's, in order; null without one. An
    /// account whose facts are the very object the last build had is unchanged without a look at its keys.
    /// </summary>
    private int[]? ChangedSince<T>(Func<AccountLinkFacts, IReadOnlyList<T>> keysOf)
    {
        if (_earlier is null)
        {
            return null;
        }

        var ownerChanged = OwnerChanges(_earlier);
        var changed = new List<int>();
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < accounts.Count; i++)
        {
            var (before, now) = (_earlier.Accounts[i], accounts[i]);
            if (!ReferenceEquals(before, now) && (ownerChanged[i] || !keysOf(before).SequenceEqual(keysOf(now), comparer)))
            {
                changed.Add(i);
            }
        }

        return [.. changed];
    }

    /// <summary>Made by the first type that needs it (types are added in parallel).</summary>
    private bool[] OwnerChanges(LinkState earlier) => LazyInitializer.EnsureInitialized(ref _ownerChanged, () =>
    {
        var changed = new bool[accounts.Count];
        for (var i = 0; i < changed.Length; i++)
        {
            var (x, y) = (earlier.Accounts[i], accounts[i]);
            changed[i] = !ReferenceEquals(x, y)
                         && (x.Account != y.Account || x.StrongIdentity != y.StrongIdentity || OwnerOf(x) != OwnerOf(y)
                             || x.OrgId != y.OrgId || x.EmailDomain != y.EmailDomain);
        }

        return changed;
    });

    /// <summary>Every account's keys and the account of each, in account order: counted first, so the arrays are made once at their size.</summary>
    private (T[] Keys, int[] Owners) EntriesOf<T>(Func<AccountLinkFacts, IReadOnlyList<T>> keysOf)
    {
        var lists = new IReadOnlyList<T>[accounts.Count];
        var count = 0;
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = keysOf(accounts[i]);
            count += lists[i].Count;
        }

        var keys = GC.AllocateUninitializedArray<T>(count);
        var owners = GC.AllocateUninitializedArray<int>(count);
        var n = 0;
        for (var i = 0; i < lists.Length; i++)
        {
            var list = lists[i];
            for (var k = 0; k < list.Count; k++)
            {
                keys[n] = list[k];
                owners[n++] = accounts[i].Account;
            }
        }

        return (keys, owners);
    }

    /// <summary>Buckets the (key, account) entries of a type and counts the pairs they give.</summary>
    /// <param name="changed">The accounts changed since the last build (null: none is reused).</param>
    /// <param name="changedKeys">
    /// The keys, as numbered here, the changed accounts hold or held (see <see cref="ChangedKey"/>). Two texts of one hash
    /// only make more accounts counted again, never fewer.
    /// </param>
    /// <param name="describeKey">A numeric key's evidence text.</param>
    /// <param name="textOf">
    /// A text key's text (null for numeric keys), read on this thread: a pair's first key is compared with the last build's by it.
    /// </param>
    /// <param name="describeText">A text's evidence text.</param>
    /// <param name="sorted">Whether the entries are sorted by key already.</param>
    /// <param name="patched">
    /// Whether the entries were patched from the last build's (a text's key is then its key of the last build unless
    /// <paramref name="changedKeys"/> says otherwise).
    /// </param>
    private void AddEntries(
        LinkType type, ulong[] keyArray, int[] accountArray, int[]? changed, ChangedKey[] changedKeys, Func<ulong, string>? describeKey,
        Func<ulong, string>? textOf, Func<string, string>? describeText, bool sorted, bool patched)
    {
        // The order of accounts under one key does not matter: each bucket's members are sorted below.
        if (!sorted)
        {
            RadixSort.Sort(keyArray, accountArray, keyArray.Length);
        }

        // The sorted entries are kept for the next build to patch.
        _sorted[(int)type] = memory is not null ? (keyArray, accountArray) : null;

        // Buckets that count, in key order: their members sorted and unique, packed one after another.
        var buckets = new List<Bucket>();
        var packed = new List<int>();
        var members = new List<int>();
        var distinctOwners = new DistinctOwners(_owners);
        long pairCount = 0;

        // Patched from the last build's entries, a key no changed account holds or held has the holders it had, each with
        // the owner it had: its bucket is the last build's (the same members and discount), or it did not count then and
        // does not now. Only the changed keys' buckets are made again. (Text keys numbered afresh may all differ.)
        var earlier = patched ? _earlier!.Types[(int)type] : null;
        var changedSorted = earlier is null ? [] : changedKeys.Select(changedKey => changedKey.Key).Order().ToArray();
        var (nextChanged, nextEarlier) = (0, 0);
        for (var start = 0; start < keyArray.Length;)
        {
            var end = start + 1;
            while (end < keyArray.Length && keyArray[end] == keyArray[start])
            {
                end++;
            }

            if (earlier is not null)
            {
                var key = keyArray[start];
                while (nextChanged < changedSorted.Length && changedSorted[nextChanged] < key)
                {
                    nextChanged++;
                }

                if (nextChanged == changedSorted.Length || changedSorted[nextChanged] != key)
                {
                    while (nextEarlier < earlier.Buckets.Length && earlier.Buckets[nextEarlier].Key < key)
                    {
                        nextEarlier++;
                    }

                    if (nextEarlier < earlier.Buckets.Length && earlier.Buckets[nextEarlier].Key == key)
                    {
                        var kept = earlier.Buckets[nextEarlier];
                        buckets.Add(kept with { Start = packed.Count });
                        packed.AddRange(earlier.Packed.AsSpan(kept.Start, kept.Count));
                        pairCount += PairsOf(kept.Count);
                    }

                    start = end;
                    continue;
                }
            }

            if (end - start >= 2 && end - start <= settings.MaxBucket)
            {
                members.Clear();
                members.AddRange(accountArray.AsSpan(start, end - start));
                members.Sort();
                RemoveRepeats(members);
                var discount = members.Count >= 2 ? Discount(type, members, distinctOwners) : 0;
                if (discount > 0)
                {
                    buckets.Add(new Bucket(keyArray[start], discount, packed.Count, members.Count));
                    packed.AddRange(members);
                    pairCount += PairsOf(members.Count);
                }
            }

            start = end;
        }

        var bucketKeys = buckets.Select(bucket => bucket.Key).ToArray();

        // A text bucket's key names its text in this build only: its text is read here, once, for the evidence (described
        // once, the links share one text instead of each allocating and keeping its own copy; links are made in parallel:
        // two threads describing one bucket at once make equal texts, and either is kept) and for the next build.
        var bucketTexts = textOf is null ? null : TextsOf(buckets, textOf);
        _describe[(int)type] = bucketTexts is null ? Describer(bucketKeys, describeKey!) : Describer(bucketTexts, describeText!);

        (bool[] Recount, bool[] Relink)? reached = changed is null
            ? null
            : Reached(keyArray, accountArray, changed, changedKeys, buckets, bucketKeys, CollectionsMarshal.AsSpan(packed), _earlier!.Types[(int)type]);
        _pairs[(int)type] = CountPairs(type, buckets, bucketKeys, packed.ToArray(), pairCount, reached, bucketTexts);
    }

    /// <summary>Each bucket's text, read on this thread.</summary>
    private static string[] TextsOf(List<Bucket> buckets, Func<ulong, string> textOf)
    {
        var texts = new string[buckets.Count];
        for (var b = 0; b < texts.Length; b++)
        {
            texts[b] = textOf(buckets[b].Key);
        }

        return texts;
    }

    // The evidence of a bucket by its number. Made apart from the build's other lambdas: a lambda holds every variable
    // captured in its scope, and the type's state keeps this one for the next build (through a key's text reader it
    // would hold this whole build, and each build the one before it).
    private static Func<int, string> Describer(ulong[] bucketKeys, Func<ulong, string> describe) => b => describe(bucketKeys[b]);

    private static Func<int, string> Describer(string[] bucketTexts, Func<string, string> describe)
    {
        var described = new string?[bucketTexts.Length];
        return b => described[b] ??= describe(bucketTexts[b]);
    }

    /// <summary>
    /// Every pair with enough shared keys of some type becomes a link, unless its total weight is below
    /// <see cref="LinkSettings.MinLinkWeight"/>: such a link neither clusters nor tells an investigator anything, and at
    /// scale the pairs of popular, discounted keys are most of the pairs. Evidence is described only for kept links.
    /// </summary>
    /// <remarks>
    /// Each type's pairs are already in (A, B) order, so they are merged rather than sorted together; the pair range is
    /// cut into slices merged in parallel and joined in order, so the links and their order do not depend on the slicing.
    /// </remarks>
    public AccountLink[] ToLinks(int slices = LinkSlices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slices, 1);
        int? relinked = null;
        var parts = _earlier is not null && _relink.All(relink => relink is not null) && _types.All(type => type is not null)
            ? RelinkChanged(_earlier, slices, out relinked)
            : MergeAll(slices);
        var links = new AccountLink[parts.Sum(part => part.Count)];
        var n = 0;
        foreach (var part in parts)
        {
            part.CopyTo(links, n);
            n += part.Count;
        }

        // Keys are (A << 32 | B) with A < B, so their order is (A, B) order.
        if (memory is not null)
        {
            var linkStarts = new int[accounts.Count + 1];
            foreach (var link in links)
            {
                linkStarts[link.A + 1]++;
            }

            for (var a = 0; a < accounts.Count; a++)
            {
                linkStarts[a + 1] += linkStarts[a];
            }

            memory.Keep(new LinkState(
                [.. accounts], settings, _types.Select(state => state!).ToArray(), links, linkStarts, relinked, relinked is null ? null : _recounted));
        }

        Array.Fill(_pairs, TypePairs.None);
        Array.Fill(_types, null);
        Array.Fill(_sorted, null);
        Array.Fill(_textIndex, null);
        return links;
    }

    private List<AccountLink>[] MergeAll(int slices)
    {
        var bounds = SliceBounds(slices);
        var parts = new List<AccountLink>[bounds.Length - 1];
        Parallel.For(0, parts.Length, s => parts[s] = MergeLinks(bounds[s], bounds[s + 1]));
        return parts;
    }

    /// <summary>
    /// The links of first accounts that some type marked to be merged again (<see cref="_relink"/>), merged; every other
    /// first account's links are the last build's: the same pairs and sums of every type, and the same facts of both accounts.
    /// </summary>
    private List<AccountLink>[] RelinkChanged(LinkState earlier, int slices, out int? relinked)
    {
        var relink = new bool[accounts.Count];
        foreach (var type in _relink)
        {
            for (var a = 0; a < relink.Length; a++)
            {
                relink[a] |= type![a];
            }
        }

        relinked = relink.Count(again => again);
        var parts = new List<AccountLink>[slices];
        Parallel.For(0, slices, s =>
        {
            var (from, to) = ((int)((long)accounts.Count * s / slices), (int)((long)accounts.Count * (s + 1) / slices));
            var part = new List<AccountLink>();
            for (var a = from; a < to;)
            {
                if (!relink[a])
                {
                    part.AddRange(earlier.Links.AsSpan(earlier.LinkStarts[a], earlier.LinkStarts[a + 1] - earlier.LinkStarts[a]));
                    a++;
                    continue;
                }

                var end = a + 1;
                while (end < to && relink[end])
                {
                    end++;
                }

                // Each type's rows of these first accounts, found by where its rows start (a binary search over millions of pairs
                // per type and run cost more than the merge).
                part.AddRange(MergeLinks(
                    _types.Select(type => type!.RowStarts[a]).ToArray(), _types.Select(type => type!.RowStarts[end]).ToArray()));
                a = end;
            }

            parts[s] = part;
        });
        return parts;
    }

    /// <summary>Pair keys cutting the pairs of the largest type into about equal slices: slice s is [bounds[s], bounds[s + 1]).</summary>
    private ulong[] SliceBounds(int slices)
    {
        var largest = _pairs.MaxBy(pairs => pairs.Keys.Length).Keys;
        var bounds = new List<ulong> { 0 };
        for (var s = 1; s < slices; s++)
        {
            var key = largest.Length == 0 ? 0 : largest[(int)((long)largest.Length * s / slices)];
            if (key > bounds[^1])
            {
                bounds.Add(key);
            }
        }

        bounds.Add(ulong.MaxValue);
        return [.. bounds];
    }

    /// <summary>The links of the pairs with keys in [<paramref name="from"/>, <paramref name="to"/>), in key order.</summary>
    private List<AccountLink> MergeLinks(ulong from, ulong to)
    {
        var types = _pairs.Length;
        var next = new int[types];
        var end = new int[types];
        for (var t = 0; t < types; t++)
        {
            next[t] = RadixSort.LowerBound(_pairs[t].Keys, from);
            end[t] = to == ulong.MaxValue ? _pairs[t].Keys.Length : RadixSort.LowerBound(_pairs[t].Keys, to);
        }

        return MergeLinks(next, end);
    }

    /// <summary>The links of the pairs of each type t from next[t] to end[t] (exclusive), in key order.</summary>
    private List<AccountLink> MergeLinks(int[] next, int[] end)
    {
        var types = _pairs.Length;

        var typeWeights = settings.TypeWeights.ToArray();
        var saturation = settings.Saturation.ToArray();
        var entries = new Entry[types];
        var links = new List<AccountLink>();
        while (true)
        {
            var key = ulong.MaxValue;
            var any = false;
            for (var t = 0; t < types; t++)
            {
                if (next[t] < end[t] && (!any || _pairs[t].Keys[next[t]] < key))
                {
                    key = _pairs[t].Keys[next[t]];
                    any = true;
                }
            }

            if (!any)
            {
                return links;
            }

            var count = 0;
            for (var t = 0; t < types; t++)
            {
                if (next[t] < end[t] && _pairs[t].Keys[next[t]] == key)
                {
                    var sum = _pairs[t].Sums[next[t]++];
                    entries[count++] = new Entry((LinkType)t, typeWeights[t] * Math.Min(1, sum.Discounted / saturation[t]), sum);
                }
            }

            var (a, b) = ((int)(key >> 32), (int)(uint)key);
            var factor = SameVerifiedOrganisation(a, b) ? settings.VerifiedOrganisationDiscount : 1;

            // Heaviest first, ties in type order: the evidence order, and the order of the sum. A total order over at most
            // one entry per type, so an insertion sort gives what any sort would.
            for (var k = 1; k < count; k++)
            {
                var entry = entries[k];
                var j = k;
                for (; j > 0 && Precedes(entry, entries[j - 1]); j--)
                {
                    entries[j] = entries[j - 1];
                }

                entries[j] = entry;
            }

            double total = 0;
            for (var k = 0; k < count; k++)
            {
                total += entries[k].Weight * factor;
            }

            if (total >= settings.MinLinkWeight)
            {
                var evidence = new LinkEvidence[count];
                for (var k = 0; k < count; k++)
                {
                    var e = entries[k];
                    evidence[k] = new LinkEvidence(e.Type, e.Weight * factor, e.Sum.Shared, _describe[(int)e.Type](e.Sum.FirstBucket));
                }

                links.Add(new AccountLink(a, b, total, evidence));
            }
        }
    }

    /// <summary>
    /// Every pair of a bucket's members (each member and its next few in large buckets), counted per first account: an
    /// account's buckets are visited in key order and each partner's discounts summed in an array indexed by partner, so
    /// a pair's sum adds its buckets' discounts in key order and its first key is the smallest. Tens of millions of
    /// candidate pairs at scale, most of them seen once: none is stored or sorted, only the partners kept per account.
    /// </summary>
    /// <remarks>
    /// Slices of the first-account range with about equal numbers of pairs are counted in parallel and joined in account
    /// order: the same pairs in the same order as one slice gives.
    /// </remarks>
    /// <param name="reached">
    /// The first accounts whose pairs are counted again (all when null; the others' are the last build's), and those whose
    /// links are merged again whatever their pairs (an account whose owner facts changed shares a key with them).
    /// </param>
    /// <param name="bucketKeys">Each bucket's key, in bucket order.</param>
    private TypePairs CountPairs(
        LinkType type, List<Bucket> buckets, ulong[] bucketKeys, int[] packed, long pairCount, (bool[] Recount, bool[] Relink)? reached, string[]? bucketTexts)
    {
        // Counted again, a row that comes out as the last build's pairs keeps its links; only the others are merged again.
        _relink[(int)type] = reached?.Relink;
        Reuse? reuse = null;
        if (reached is { } r)
        {
            var earlier = _earlier!.Types[(int)type];
            var renumbered = Renumbered(earlier.Buckets, buckets);
            reuse = new Reuse(earlier, renumbered, Counting(earlier, renumbered, r.Recount), r.Relink, bucketTexts);
        }

        // Only the rows counted need their accounts' places in the buckets.
        var memberships = new Memberships(accounts.Count, buckets, packed, reuse?.Counting);
        var bounds = PairSliceBounds(buckets, packed, pairCount);
        var (keys, sums, rowStarts) = reuse is not null
            ? CountAgain(type, buckets, packed, memberships, bounds, reuse)
            : CountAll(type, buckets, packed, memberships, bounds);

        var pairs = new TypePairs(keys, sums, bucketKeys);
        if (memory is not null)
        {
            rowStarts ??= RowStartsOf(keys);

            // Read only for a text whose key is not known to be its last one (a numeric key always is).
            var counted = bucketTexts is null ? null : new HashSet<ulong>(bucketTexts.Select(StableHash.Of));

            _types[(int)type] = new TypeState(
                pairs, [.. buckets], packed, rowStarts, counted, bucketTexts, _describe[(int)type], _sorted[(int)type], _textIndex[(int)type]);
        }

        return pairs;
    }

    /// <summary>Every first account's pairs, counted by slices in parallel and joined in account order.</summary>
    private (ulong[] Keys, PairSum[] Sums, int[]? RowStarts) CountAll(LinkType type, List<Bucket> buckets, int[] packed, Memberships memberships, int[] bounds)
    {
        var parts = new (List<ulong> Keys, List<PairSum> Sums)[bounds.Length - 1];
        Parallel.For(0, parts.Length, s =>
        {
            var partners = TakePartnerSums();
            var (keys, sums) = (new List<ulong>(), new List<PairSum>());
            for (var a = bounds[s]; a < bounds[s + 1]; a++)
            {
                CountRow(type, a, buckets, packed, memberships, partners, keys, sums);
            }

            parts[s] = (keys, sums);
            _partnerSums.Add(partners);
        });

        var allKeys = GC.AllocateUninitializedArray<ulong>(parts.Sum(part => part.Keys.Count));
        var allSums = GC.AllocateUninitializedArray<PairSum>(allKeys.Length);
        var n = 0;
        foreach (var (keys, sums) in parts)
        {
            CollectionsMarshal.AsSpan(keys).CopyTo(allKeys.AsSpan(n));
            CollectionsMarshal.AsSpan(sums).CopyTo(allSums.AsSpan(n));
            n += keys.Count;
        }

        return (allKeys, allSums, null);
    }

    /// <summary>
    /// The reached first accounts' pairs counted, every other row the last build's (<see cref="Counting"/>) with its first
    /// buckets renumbered. The counted rows are counted first, by slices in parallel; then every row is written once, at
    /// its place in arrays made at their final size, instead of tens of millions of copied pairs going through growing
    /// lists and a join.
    /// </summary>
    private (ulong[] Keys, PairSum[] Sums, int[] RowStarts) CountAgain(
        LinkType type, List<Bucket> buckets, int[] packed, Memberships memberships, int[] bounds, Reuse reuse)
    {
        var earlier = reuse.Earlier;
        var rowStarts = new int[accounts.Count + 1];
        var copied = new bool[accounts.Count];
        var parts = new (List<ulong> Keys, List<PairSum> Sums)[bounds.Length - 1];
        Parallel.For(0, parts.Length, s =>
        {
            var partners = TakePartnerSums();
            var (keys, sums) = (new List<ulong>(), new List<PairSum>());
            for (var a = bounds[s]; a < bounds[s + 1]; a++)
            {
                if (!reuse.Counting[a])
                {
                    copied[a] = true;
                    rowStarts[a + 1] = earlier.RowStarts[a + 1] - earlier.RowStarts[a];
                    continue;
                }

                var rowStart = keys.Count;
                CountRow(type, a, buckets, packed, memberships, partners, keys, sums);
                Interlocked.Increment(ref _recounted);
                rowStarts[a + 1] = keys.Count - rowStart;
                if (!reuse.Relink[a] && !SameRow(reuse, a, buckets, keys, sums, rowStart))
                {
                    reuse.Relink[a] = true;
                }
            }

            parts[s] = (keys, sums);
            _partnerSums.Add(partners);
        });

        for (var a = 0; a < accounts.Count; a++)
        {
            rowStarts[a + 1] += rowStarts[a];
        }

        var allKeys = GC.AllocateUninitializedArray<ulong>(rowStarts[^1]);
        var allSums = GC.AllocateUninitializedArray<PairSum>(allKeys.Length);
        Parallel.For(0, parts.Length, s =>
        {
            var (keys, sums) = parts[s];
            var n = 0;
            for (var a = bounds[s]; a < bounds[s + 1];)
            {
                if (!copied[a])
                {
                    var length = rowStarts[a + 1] - rowStarts[a];
                    CollectionsMarshal.AsSpan(keys).Slice(n, length).CopyTo(allKeys.AsSpan(rowStarts[a]));
                    CollectionsMarshal.AsSpan(sums).Slice(n, length).CopyTo(allSums.AsSpan(rowStarts[a]));
                    n += length;
                    a++;
                    continue;
                }

                // A run of copied rows is one range of the last build's pairs.
                var end = a + 1;
                while (end < bounds[s + 1] && copied[end])
                {
                    end++;
                }

                var (from, to) = (earlier.RowStarts[a], earlier.RowStarts[end]);
                earlier.Pairs.Keys.AsSpan(from, to - from).CopyTo(allKeys.AsSpan(rowStarts[a]));
                var source = earlier.Pairs.Sums.AsSpan(from, to - from);
                var target = allSums.AsSpan(rowStarts[a], source.Length);
                for (var k = 0; k < source.Length; k++)
                {
                    target[k] = source[k] with { FirstBucket = reuse.Renumbered[source[k].FirstBucket] };
                }

                a = end;
            }
        });

        return (allKeys, allSums, rowStarts);
    }

    /// <summary>Where each first account's pairs start, and the end (pair keys are in (A, B) order).</summary>
    private int[] RowStartsOf(ulong[] keys)
    {
        var rowStarts = new int[accounts.Count + 1];
        foreach (var key in keys)
        {
            rowStarts[(int)(key >> 32) + 1]++;
        }

        for (var a = 0; a < accounts.Count; a++)
        {
            rowStarts[a + 1] += rowStarts[a];
        }

        return rowStarts;
    }

    private PartnerSums TakePartnerSums() => _partnerSums.TryTake(out var partners) ? partners : new PartnerSums(accounts.Count);

    /// <summary>
    /// The changed accounts, and every account whose pairs as first account a bucket of a key they hold or held gives
    /// otherwise than in the last build: the first accounts whose pairs of the type may differ from the last build's.
    /// </summary>
    /// <remarks>
    /// A first account's row is the sum, bucket by bucket in key order, of what each of its buckets gives it: the
    /// members after it up to <see cref="PairEnd"/> (its window), each with the bucket's discount. A bucket no changed
    /// account holds or held is the same bucket as in the last build (the same members, discount and order: a text's
    /// place is its first holder's, who is unchanged). A changed key's bucket is compared with the last build's bucket of
    /// the same key, member by member: an account whose window and discount are the same in both, or whose window is
    /// empty in both (the last member, or no bucket), gets the same from it. So an account no bucket gives anything new
    /// has the same row, bit for bit, and the same first keys. A text key that is not known to name the same text as in
    /// the last build (numbered afresh, or moved to another place) reaches every holder whose bucket counts now or
    /// counted then, as would a bucket changed in every way.
    /// </remarks>
    /// <param name="keys">Every (key, account) entry of the type, sorted by key, with <paramref name="holders"/>.</param>
    /// <param name="packed">The members of <paramref name="buckets"/>.</param>
    /// <returns>
    /// The accounts reached, and those whose links change whatever their pairs: the holders of the keys of accounts whose
    /// owner facts changed (the verified-organisation discount of their links reads those facts).
    /// </returns>
    private (bool[] Recount, bool[] Relink) Reached(
        ulong[] keys, int[] holders, int[] changed, ChangedKey[] changedKeys, List<Bucket> buckets, ulong[] bucketKeys, ReadOnlySpan<int> packed,
        TypeState earlier)
    {
        var reached = new bool[accounts.Count];
        var relink = new bool[accounts.Count];
        var ownerChanged = _ownerChanged!;
        foreach (var account in changed)
        {
            reached[account] = true;
            relink[account] = ownerChanged[account];
        }

        foreach (var (key, identity, kept) in changedKeys)
        {
            var now = BucketOf(bucketKeys, key);
            var before = kept ? BucketOf(earlier.Pairs.BucketKeys, key) : -1;
            if (now < 0 && before < 0 && (kept || !earlier.Counted!.Contains(identity)))
            {
                continue;
            }

            var (from, to) = (RadixSort.LowerBound(keys, key), 0);
            var owners = false;
            for (to = from; to < keys.Length && keys[to] == key; to++)
            {
                owners |= ownerChanged[holders[to]];
            }

            for (var at = from; at < to; at++)
            {
                reached[holders[at]] |= !kept;
                relink[holders[at]] |= owners;
            }

            if (kept)
            {
                ReachChangedWindows(
                    before < 0 ? default : earlier.Buckets[before], earlier.Packed, now < 0 ? default : buckets[now], packed, reached);
            }
        }

        return (reached, relink);
    }

    /// <summary>A bucket's number by its key, or -1 if its key has no counted bucket.</summary>
    private static int BucketOf(ulong[] bucketKeys, ulong key) =>
        RadixSort.LowerBound(bucketKeys, key) is var b && b < bucketKeys.Length && bucketKeys[b] == key ? b : -1;

    /// <summary>
    /// Marks the members, then or now, whom one key's bucket gives other partners or another discount than in the last
    /// build. A bucket that did not count (default: no members) gives nothing.
    /// </summary>
    private void ReachChangedWindows(Bucket before, int[] packedBefore, Bucket now, ReadOnlySpan<int> packedNow, bool[] reached)
    {
        ReadOnlySpan<int> then = packedBefore.AsSpan(before.Start, before.Count);
        var members = packedNow.Slice(now.Start, now.Count);
        var sameDiscount = BitConverter.DoubleToInt64Bits(before.Discount) == BitConverter.DoubleToInt64Bits(now.Discount);
        if (sameDiscount && then.SequenceEqual(members))
        {
            return;
        }

        // Both member lists are ascending: walked side by side, each account once, with its window in each list it is in.
        for (int i = 0, j = 0; i < then.Length || j < members.Length;)
        {
            var takeThen = i < then.Length && (j == members.Length || then[i] <= members[j]);
            var takeNow = j < members.Length && (i == then.Length || members[j] <= then[i]);
            var account = takeThen ? then[i] : members[j];
            var windowThen = takeThen ? then[(i + 1)..PairEnd(i, then.Length)] : default;
            var windowNow = takeNow ? members[(j + 1)..PairEnd(j, members.Length)] : default;
            if (!windowThen.IsEmpty || !windowNow.IsEmpty)
            {
                reached[account] |= !sameDiscount || !windowThen.SequenceEqual(windowNow);
            }

            i += takeThen ? 1 : 0;
            j += takeNow ? 1 : 0;
        }
    }

    /// <summary>First accounts cutting the pairs into slices of about pairSliceSize: slice s holds the pairs whose A is in [bounds[s], bounds[s + 1]).</summary>
    private int[] PairSliceBounds(List<Bucket> buckets, int[] packed, long pairCount)
    {
        var slices = (int)Math.Clamp(pairCount / pairSliceSize, 1, MaxPairSlices);
        if (slices == 1)
        {
            return [0, accounts.Count];
        }

        var pairsOf = new long[accounts.Count];
        foreach (var bucket in buckets)
        {
            for (var i = 0; i < bucket.Count; i++)
            {
                pairsOf[packed[bucket.Start + i]] += PairEnd(i, bucket.Count) - i - 1;
            }
        }

        var bounds = new List<int> { 0 };
        long seen = 0;
        for (var account = 0; account < accounts.Count && bounds.Count < slices; account++)
        {
            seen += pairsOf[account];
            if (seen >= pairCount * bounds.Count / slices)
            {
                bounds.Add(account + 1);
            }
        }

        bounds.Add(accounts.Count);
        return [.. bounds.Distinct()];
    }

    /// <summary>First account <paramref name="a"/>'s pairs, appended in partner order.</summary>
    private void CountRow(
        LinkType type, int a, List<Bucket> buckets, int[] packed, Memberships memberships, PartnerSums partners, List<ulong> keys, List<PairSum> sums)
    {
        var bucketSpan = CollectionsMarshal.AsSpan(buckets);
        for (var m = memberships.Starts[a]; m < memberships.Starts[a + 1]; m++)
        {
            var b = memberships.Buckets[m];
            ref readonly var bucket = ref bucketSpan[b];
            var i = memberships.Positions[m];
            var end = PairEnd(i, bucket.Count);
            for (var j = i + 1; j < end; j++)
            {
                partners.Add(packed[bucket.Start + j], b, bucket.Discount);
            }
        }

        foreach (var partner in partners.Take(settings.MinShared[(int)type]))
        {
            ref readonly var sum = ref partners.Of(partner);
            keys.Add(((ulong)(uint)a << 32) | (uint)partner);
            sums.Add(new PairSum(sum.Discounted, sum.Shared, sum.FirstBucket));
        }

        partners.Clear();
    }

    /// <summary>
    /// Whether first account <paramref name="a"/>'s pairs counted from <paramref name="rowStart"/> are the last build's:
    /// the same partners, sums bit for bit, shared counts and first keys (by value, or by text for text keys).
    /// </summary>
    private static bool SameRow(Reuse reuse, int a, List<Bucket> buckets, List<ulong> keys, List<PairSum> sums, int rowStart)
    {
        var earlier = reuse.Earlier;
        var from = earlier.RowStarts[a];
        if (earlier.RowStarts[a + 1] - from != keys.Count - rowStart)
        {
            return false;
        }

        for (var k = 0; k < keys.Count - rowStart; k++)
        {
            var (before, now) = (earlier.Pairs.Sums[from + k], sums[rowStart + k]);
            if (earlier.Pairs.Keys[from + k] != keys[rowStart + k] || before.Shared != now.Shared
                || BitConverter.DoubleToInt64Bits(before.Discounted) != BitConverter.DoubleToInt64Bits(now.Discounted))
            {
                return false;
            }

            var (firstBefore, firstNow) = (earlier.Buckets[before.FirstBucket].Key, buckets[now.FirstBucket].Key);
            var sameFirst = reuse.BucketTexts is null
                ? firstBefore == firstNow
                : string.Equals(earlier.BucketTexts![before.FirstBucket], reuse.BucketTexts[now.FirstBucket], StringComparison.Ordinal);
            if (!sameFirst)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The first accounts whose rows are counted: those reached (<see cref="Reached"/>), and the members of any of the
    /// last build's buckets that has no bucket of its key now, since a first bucket of their pairs may be one (the members
    /// of such a bucket that no change reached had no partner in it). Every other row is the last build's, each of its
    /// first buckets the bucket of the same key now.
    /// </summary>
    private static bool[] Counting(TypeState earlier, int[] renumbered, bool[] reached)
    {
        var counting = (bool[])reached.Clone();
        for (var b = 0; b < earlier.Buckets.Length; b++)
        {
            if (renumbered[b] < 0)
            {
                foreach (var member in earlier.Packed.AsSpan(earlier.Buckets[b].Start, earlier.Buckets[b].Count))
                {
                    counting[member] = true;
                }
            }
        }

        return counting;
    }

    /// <summary>
    /// Each of the last build's buckets' number now: the bucket of the same key (-1 if none). Both builds' buckets are in
    /// key order, so they are walked side by side once per type instead of a search per copied pair.
    /// </summary>
    private static int[] Renumbered(Bucket[] before, List<Bucket> now)
    {
        var renumbered = new int[before.Length];
        var j = 0;
        for (var b = 0; b < before.Length; b++)
        {
            while (j < now.Count && now[j].Key < before[b].Key)
            {
                j++;
            }

            renumbered[b] = j < now.Count && now[j].Key == before[b].Key ? j : -1;
        }

        return renumbered;
    }

    /// <summary>
    /// Member <paramref name="i"/> of a bucket pairs with the members after it up to (not including) this index. Large
    /// buckets link each member to its next few only: still one connected component, linear cost.
    /// </summary>
    private int PairEnd(int i, int members) => members <= settings.MaxPairBucket ? members : Math.Min(members, i + 1 + settings.ChainNeighbours);

    /// <summary>The pairs a bucket of this many members gives (see <see cref="PairEnd"/>).</summary>
    private long PairsOf(int members)
    {
        if (members <= settings.MaxPairBucket)
        {
            return (long)members * (members - 1) / 2;
        }

        // Each member pairs with its next ChainNeighbours, the last few with the members left after them.
        var chain = Math.Min(settings.ChainNeighbours, members - 1);
        return ((long)chain * (members - chain)) + ((long)chain * (chain - 1) / 2);
    }

    /// <summary>
    /// Shared by many accounts of distinct owners (cards, else organisations or accounts), an attribute is popular
    /// rather than evidence: discounted by size (ignored past a limit), and for addresses treated as a NAT or corporate egress. Shared by
    /// accounts that also share owners, it is a ring and keeps its weight however large.
    /// </summary>
    private double Discount(LinkType type, List<int> members, DistinctOwners distinctOwners)
    {
        var size = members.Count;
        if (size <= settings.SmallBucket)
        {
            return 1;
        }

        if ((double)distinctOwners.Count(members) / size < settings.NatIndependence)
        {
            return 1;
        }

        if (size > settings.MaxIndependentBucket)
        {
            return 0;
        }

        var discount = Math.Sqrt((double)settings.SmallBucket / size);
        var address = type is LinkType.SignupIp or LinkType.RequestIp or LinkType.Prefix;
        return address && size >= settings.NatMinAccounts ? discount * settings.NatDiscount : discount;
    }

    private static string OwnerOf(AccountLinkFacts facts) => facts.PaymentFingerprint ?? facts.OrgId ?? facts.AccountId;

    private static int[] OwnersOf(IReadOnlyList<AccountLinkFacts> accounts)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new int[accounts.Count];
        for (var i = 0; i < owners.Length; i++)
        {
            var owner = OwnerOf(accounts[i]);
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, owner, out var exists);
            if (!exists)
            {
                id = ids.Count - 1;
            }

            owners[i] = id;
        }

        return owners;
    }

    private bool SameVerifiedOrganisation(int a, int b)
    {
        if (!_strong[a] || !_strong[b])
        {
            return false;
        }

        var x = accounts[a];
        var y = accounts[b];
        return ((x.OrgId is not null && x.OrgId == y.OrgId) || (x.EmailDomain is not null && string.Equals(x.EmailDomain, y.EmailDomain, StringComparison.OrdinalIgnoreCase)));
    }

    private static void RemoveRepeats(List<int> sorted)
    {
        var write = 0;
        for (var read = 0; read < sorted.Count; read++)
        {
            if (read == 0 || sorted[read] != sorted[read - 1])
            {
                sorted[write++] = sorted[read];
            }
        }

        sorted.RemoveRange(write, sorted.Count - write);
    }

    /// <summary>
    /// Counts a bucket's distinct owners by marking each owner with the bucket's number in an array kept for the type:
    /// no set allocated per bucket (a quarter of a million buckets for request addresses at seed scale).
    /// </summary>
    private sealed class DistinctOwners(int[] ownerOf)
    {
        private readonly int[] _marks = new int[ownerOf.Length];
        private int _bucket;

        public int Count(List<int> members)
        {
            var bucket = ++_bucket;
            var count = 0;
            foreach (var member in members)
            {
                ref var mark = ref _marks[ownerOf[member]];
                if (mark != bucket)
                {
                    mark = bucket;
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>A pair's summed discounts of one type, how many keys it shares and the number of its first shared key's bucket.</summary>
    internal readonly record struct PairSum(double Discounted, int Shared, int FirstBucket);

    /// <summary>
    /// Each account's places in the buckets (bucket number, position among its members), in bucket order: the buckets
    /// an account pairs in as first account, without scanning every bucket for it. Only the accounts in
    /// <c>only</c> have places when it is given (an incremental build counts a few rows).
    /// </summary>
    internal sealed class Memberships
    {
        public Memberships(int accountCount, List<Bucket> buckets, int[] packed, bool[]? only)
        {
            Starts = new int[accountCount + 1];
            foreach (var member in packed)
            {
                if (only is null || only[member])
                {
                    Starts[member + 1]++;
                }
            }

            for (var account = 0; account < accountCount; account++)
            {
                Starts[account + 1] += Starts[account];
            }

            Buckets = GC.AllocateUninitializedArray<int>(Starts[accountCount]);
            Positions = GC.AllocateUninitializedArray<int>(Buckets.Length);
            var next = Starts[..accountCount];
            for (var b = 0; b < buckets.Count; b++)
            {
                for (var i = 0; i < buckets[b].Count; i++)
                {
                    var member = packed[buckets[b].Start + i];
                    if (only is null || only[member])
                    {
                        var m = next[member]++;
                        Buckets[m] = b;
                        Positions[m] = i;
                    }
                }
            }
        }

        /// <summary>Account a's memberships are [Starts[a], Starts[a + 1]).</summary>
        public int[] Starts { get; }

        public int[] Buckets { get; }

        public int[] Positions { get; }
    }

    /// <summary>
    /// One first account's partners as they are met: each partner's sum, indexed by partner, and the partners touched, so
    /// that clearing costs what was touched. Reused across accounts, slices and types.
    /// </summary>
    private sealed class PartnerSums(int accountCount)
    {
        private readonly PartnerSum[] _of = new PartnerSum[accountCount];
        private readonly List<int> _touched = [];
        private readonly List<int> _kept = [];

        /// <summary>Adds a bucket's discount to a partner's sum; buckets come in key order, so the first is the smallest key.</summary>
        public void Add(int partner, int bucket, double discount)
        {
            ref var sum = ref _of[partner];
            if (sum.Shared++ == 0)
            {
                sum.Discounted = discount;
                sum.FirstBucket = bucket;
                _touched.Add(partner);
            }
            else
            {
                sum.Discounted += discount;
            }
        }

        /// <summary>The partners sharing at least <paramref name="minShared"/> buckets, ascending.</summary>
        public List<int> Take(int minShared)
        {
            _kept.Clear();
            foreach (var partner in _touched)
            {
                if (_of[partner].Shared >= minShared)
                {
                    _kept.Add(partner);
                }
            }

            _kept.Sort();
            return _kept;
        }

        public ref readonly PartnerSum Of(int partner) => ref _of[partner];

        public void Clear()
        {
            foreach (var partner in _touched)
            {
                _of[partner] = default;
            }

            _touched.Clear();
        }
    }

    private struct PartnerSum
    {
        public double Discounted;
        public int Shared;
        public int FirstBucket;
    }

    /// <summary>One type's pairs with enough shared keys, in (A, B) order, and the key of each bucket by number.</summary>
    internal readonly record struct TypePairs(ulong[] Keys, PairSum[] Sums, ulong[] BucketKeys)
    {
        public static TypePairs None { get; } = new([], [], []);
    }

    /// <summary>A shared key's bucket: its members are packed[Start .. Start + Count].</summary>
    internal readonly record struct Bucket(ulong Key, double Discount, int Start, int Count);

    /// <summary>
    /// What a build keeps of one type for the next: its pairs, counted buckets (members in <see cref="Packed"/>), and where
    /// each first account's pairs start (<see cref="RowStarts"/>[a]);
    /// </summary>
    /// <see cref="Counted"/> holds the hashes of a text type's counted buckets' texts, <see cref="BucketTexts"/> the text of each
    /// bucket's key for a type of text keys, <see cref="Describe"/> the evidence text of a bucket by its number,
    /// <see cref="Sorted"/> the type's (key, account) entries sorted by key, <see cref="Texts"/> a text type's distinct
    /// texts by hash.
    internal sealed record TypeState(
        TypePairs Pairs, Bucket[] Buckets, int[] Packed, int[] RowStarts, HashSet<ulong>? Counted, string[]? BucketTexts,
        Func<int, string> Describe, (ulong[] Keys, int[] Accounts)? Sorted, TextIndex? Texts);

    /// <summary>
    /// A type's reuse of the last build in one build: its state, each of its buckets' number now, the first accounts to
    /// count again, those whose links are merged again (filled in as counted rows turn out different) and each bucket's
    /// text for a text type.
    /// </summary>
    private sealed record Reuse(TypeState Earlier, int[] Renumbered, bool[] Counting, bool[] Relink, string[]? BucketTexts);

    /// <summary>
    /// A key, as numbered in this build, that a changed account holds or held; its identity from one build to the next
    /// (the value of a numeric key, a hash of a text's); and whether it is known to name what it named in the last build
    /// (always for a numeric key; for a text, when its first place did not move).
    /// </summary>
    private readonly record struct ChangedKey(ulong Key, ulong Identity, bool Kept);

    private readonly record struct Entry(LinkType Type, double Weight, PairSum Sum);

    private static bool Precedes(in Entry x, in Entry y) => (x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Type.CompareTo(y.Type)) < 0;
}

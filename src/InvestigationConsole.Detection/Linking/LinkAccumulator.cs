using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// Collects shared-attribute buckets into per-pair, per-type evidence, then turns it into links. Buckets come
/// from sorting (key, account) entries rather than a list per key, so millions of singleton keys cost little.
/// </summary>
/// <param name="pairSliceSize">About this many candidate pairs of a type are counted as one slice, in parallel with the others.</param>
internal sealed class LinkAccumulator(IReadOnlyList<AccountLinkFacts> accounts, LinkSettings settings, long pairSliceSize = LinkAccumulator.PairSliceSize)
{
    /// <summary>Slices of the pair range that <see cref="ToLinks"/> turns into links in parallel: enough for two to a few cores to share evenly.</summary>
    public const int LinkSlices = 64;

    /// <summary>The default slice size of the pair count: large enough that slicing costs little, small enough for two to a few cores to share evenly.</summary>
    public const long PairSliceSize = 2_000_000;

    private const int MaxPairSlices = 64;

    private readonly TypePairs[] _pairs = Enum.GetValues<LinkType>().Select(_ => TypePairs.None).ToArray();
    private readonly Func<ulong, string>[] _describe = new Func<ulong, string>[Enum.GetValues<LinkType>().Length];

    /// <summary>Each account's owner (card, else organisation, else the account) as a number: the same owner, the same number.</summary>
    private readonly int[] _owners = OwnersOf(accounts);

    /// <summary>Each account's <see cref="AccountLinkFacts.StrongIdentity"/>: most pairs are ruled out of the verified organisation discount without reading their accounts' facts.</summary>
    private readonly bool[] _strong = accounts.Select(facts => facts.StrongIdentity).ToArray();

    /// <summary>Partner sums not in use: one per slice counted at a time, whatever its type, instead of one per slice.</summary>
    private readonly ConcurrentBag<PartnerSums> _partnerSums = [];

    /// <summary>
    /// Adds a type whose keys are text: each distinct text becomes a numeric key, in order of first appearance (the
    /// order of the type's buckets, hence of the sums of a pair's discounts and of its first key). <paramref name="keysOf"/>
    /// is called for the accounts in order, on one thread.
    /// </summary>
    public void Add(LinkType type, Func<AccountLinkFacts, IReadOnlyList<string>> keysOf, Func<string, string> describe)
    {
        var (texts, owners) = EntriesOf(keysOf);
        var (keys, distinct) = TextKeys.Number(texts);

        // A key names the evidence of every link whose pairs' first shared key it is (thousands for a cell's address):
        // described once, the links share one text instead of each allocating and keeping its own copy (links are made in
        // parallel: two threads describing one key at once make equal texts, and either is kept).
        var described = new string?[distinct.Length];
        AddEntries(type, keys, owners, id => described[(int)id] ??= describe(distinct[(int)id]));
    }

    public void Add(LinkType type, Func<AccountLinkFacts, IReadOnlyList<ulong>> keysOf, Func<ulong, string> describe)
    {
        var (keys, owners) = EntriesOf(keysOf);
        AddEntries(type, keys, owners, describe);
    }

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
    private void AddEntries(LinkType type, ulong[] keyArray, int[] accountArray, Func<ulong, string> describe)
    {
        _describe[(int)type] = describe;

        // The order of accounts under one key does not matter: each bucket's members are sorted below.
        RadixSort.Sort(keyArray, accountArray, keyArray.Length);

        // Buckets that count, in key order: their members sorted and unique, packed one after another.
        var buckets = new List<Bucket>();
        var packed = new List<int>();
        var members = new List<int>();
        var distinctOwners = new DistinctOwners(_owners);
        long pairCount = 0;
        for (var start = 0; start < keyArray.Length;)
        {
            var end = start + 1;
            while (end < keyArray.Length && keyArray[end] == keyArray[start])
            {
                end++;
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

        _pairs[(int)type] = CountPairs(type, buckets, packed.ToArray(), pairCount);
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
        var bounds = SliceBounds(slices);
        var parts = new List<AccountLink>[bounds.Length - 1];
        Parallel.For(0, parts.Length, s => parts[s] = MergeLinks(bounds[s], bounds[s + 1]));
        Array.Fill(_pairs, TypePairs.None);
        var links = new AccountLink[parts.Sum(part => part.Count)];
        var n = 0;
        foreach (var part in parts)
        {
            part.CopyTo(links, n);
            n += part.Count;
        }

        // Keys are (A << 32 | B) with A < B, so their order is (A, B) order.
        return links;
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
            next[t] = LowerBound(_pairs[t].Keys, from);
            end[t] = to == ulong.MaxValue ? _pairs[t].Keys.Length : LowerBound(_pairs[t].Keys, to);
        }

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
                    evidence[k] = new LinkEvidence(e.Type, e.Weight * factor, e.Sum.Shared, _describe[(int)e.Type](_pairs[(int)e.Type].BucketKeys[e.Sum.FirstBucket]));
                }

                links.Add(new AccountLink(a, b, total, evidence));
            }
        }
    }

    private static int LowerBound(ulong[] keys, ulong key)
    {
        var index = Array.BinarySearch(keys, key);
        return index >= 0 ? index : ~index;
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
    private TypePairs CountPairs(LinkType type, List<Bucket> buckets, int[] packed, long pairCount)
    {
        var memberships = new Memberships(accounts.Count, buckets, packed);
        var bounds = PairSliceBounds(buckets, packed, pairCount);
        var parts = new (List<ulong> Keys, List<PairSum> Sums)[bounds.Length - 1];
        Parallel.For(0, parts.Length, s =>
        {
            if (!_partnerSums.TryTake(out var partners))
            {
                partners = new PartnerSums(accounts.Count);
            }

            parts[s] = CountSlice(type, buckets, packed, memberships, bounds[s], bounds[s + 1], partners);
            _partnerSums.Add(partners);
        });

        var keys = GC.AllocateUninitializedArray<ulong>(parts.Sum(part => part.Keys.Count));
        var sums = GC.AllocateUninitializedArray<PairSum>(keys.Length);
        var n = 0;
        foreach (var part in parts)
        {
            CollectionsMarshal.AsSpan(part.Keys).CopyTo(keys.AsSpan(n));
            CollectionsMarshal.AsSpan(part.Sums).CopyTo(sums.AsSpan(n));
            n += part.Keys.Count;
        }

        return new TypePairs(keys, sums, buckets.Select(bucket => bucket.Key).ToArray());
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

    /// <summary>The pairs whose first account is in [<paramref name="fromAccount"/>, <paramref name="toAccount"/>), in (A, B) order.</summary>
    private (List<ulong> Keys, List<PairSum> Sums) CountSlice(
        LinkType type, List<Bucket> buckets, int[] packed, Memberships memberships, int fromAccount, int toAccount, PartnerSums partners)
    {
        var minShared = settings.MinShared[(int)type];
        var bucketSpan = CollectionsMarshal.AsSpan(buckets);
        var keys = new List<ulong>();
        var sums = new List<PairSum>();
        for (var a = fromAccount; a < toAccount; a++)
        {
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

            foreach (var partner in partners.Take(minShared))
            {
                ref readonly var sum = ref partners.Of(partner);
                keys.Add(((ulong)(uint)a << 32) | (uint)partner);
                sums.Add(new PairSum(sum.Discounted, sum.Shared, sum.FirstBucket));
            }

            partners.Clear();
        }

        return (keys, sums);
    }

    /// <summary>
    /// Member <paramref name="i"/> of a bucket pairs with the members after it up to (not including) this index. Large
    /// buckets link each member to its next few only: still one connected component, linear cost.
    /// </summary>
    private int PairEnd(int i, int members) => members <= settings.MaxPairBucket ? members : Math.Min(members, i + 1 + settings.ChainNeighbours);

    private long PairsOf(int members)
    {
        long pairs = 0;
        for (var i = 0; i < members; i++)
        {
            pairs += PairEnd(i, members) - i - 1;
        }

        return pairs;
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

    private static int[] OwnersOf(IReadOnlyList<AccountLinkFacts> accounts)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new int[accounts.Count];
        for (var i = 0; i < owners.Length; i++)
        {
            var owner = accounts[i].PaymentFingerprint ?? accounts[i].OrgId ?? accounts[i].AccountId;
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
    private readonly record struct PairSum(double Discounted, int Shared, int FirstBucket);

    /// <summary>
    /// Each account's places in the buckets (bucket number, position among its members), in bucket order: the buckets
    /// an account pairs in as first account, without scanning every bucket for it.
    /// </summary>
    private sealed class Memberships
    {
        public Memberships(int accountCount, List<Bucket> buckets, int[] packed)
        {
            Starts = new int[accountCount + 1];
            foreach (var member in packed)
            {
                Starts[member + 1]++;
            }

            for (var account = 0; account < accountCount; account++)
            {
                Starts[account + 1] += Starts[account];
            }

            Buckets = GC.AllocateUninitializedArray<int>(packed.Length);
            Positions = GC.AllocateUninitializedArray<int>(packed.Length);
            var next = Starts[..accountCount];
            for (var b = 0; b < buckets.Count; b++)
            {
                for (var i = 0; i < buckets[b].Count; i++)
                {
                    var m = next[packed[buckets[b].Start + i]]++;
                    Buckets[m] = b;
                    Positions[m] = i;
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
    private readonly record struct TypePairs(ulong[] Keys, PairSum[] Sums, ulong[] BucketKeys)
    {
        public static TypePairs None { get; } = new([], [], []);
    }

    /// <summary>A shared key's bucket: its members are packed[Start .. Start + Count].</summary>
    private readonly record struct Bucket(ulong Key, double Discount, int Start, int Count);

    private readonly record struct Entry(LinkType Type, double Weight, PairSum Sum);

    private static bool Precedes(in Entry x, in Entry y) => (x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Type.CompareTo(y.Type)) < 0;
}

using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace InvestigationConsole.Detection.Linking;

/// <summary>The clusters and, for every account, the id of its cluster (-1 when it has none).</summary>
public sealed record Clustering(IReadOnlyList<AccountCluster> Clusters, IReadOnlyList<int> ClusterOfAccount);

/// <summary>Connected components over strong links (weighted union-find), described and risk-rated.</summary>
public static class Clusterer
{
    /// <param name="memberScores">Each account's risk score before cluster context, by dense index.</param>
    /// <param name="memberIdentityWeakness">Each account's identity weakness (0..10), if known; a campaign needs weak identities.</param>
    /// <param name="memberNetworks">Each account's distinct request networks (/24, /48), if known: proxy pools and cells' ranges.</param>
    /// <param name="memory">
    /// What the last clustering left (see <see cref="ClusterMemory"/>), read and replaced by this one: the same clustering,
    /// with networks numbered and clusters described once for what did not change. Null: a clustering on its own.
    /// </param>
    public static Clustering Cluster(
        AccountLinkGraph graph, IReadOnlyList<double> memberScores, ClusterSettings? settings = null, IReadOnlyList<double>? memberIdentityWeakness = null,
        IReadOnlyList<IReadOnlyList<string>>? memberNetworks = null, ClusterMemory? memory = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(memberScores);
        settings ??= ClusterSettings.Default;
        var (strong, candidates) = Classify(graph.Links, settings);
        var sets = new UnionFind(graph.AccountCount);
        foreach (var link in strong)
        {
            sets.Union(link.A, link.B);
        }

        if (memberNetworks is not null)
        {
            var networks = (memory ?? new ClusterMemory()).NetworkIds(memberNetworks, out var networkCount);
            JoinProxyPools(sets, networks, networkCount, settings);
            MergeByCoreNetworks(sets, networks, networkCount, settings, memberIdentityWeakness);
        }

        MergeFleets(graph.AccountCount, candidates, sets, settings, memberIdentityWeakness);
        var members = new Dictionary<int, List<int>>();
        for (var account = 0; account < graph.AccountCount; account++)
        {
            var root = sets.Find(account);
            if (sets.SizeOf(root) >= 2)
            {
                if (!members.TryGetValue(root, out var list))
                {
                    members[root] = list = [];
                }

                list.Add(account);
            }
        }

        var clusterOf = Enumerable.Repeat(-1, graph.AccountCount).ToArray();
        var components = members.Values.OrderBy(list => list[0]).ToArray();
        for (var id = 0; id < components.Length; id++)
        {
            foreach (var account in components[id])
            {
                clusterOf[account] = id;
            }
        }

        // Each cluster's strong links, in the graph's order.
        var linksOf = components.Select(_ => new List<AccountLink>()).ToArray();
        foreach (var link in strong)
        {
            linksOf[clusterOf[link.A]].Add(link);
        }

        // Each cluster is described from its own members and links alone, so they are described side by side.
        var described = memory?.Described(settings, memberIdentityWeakness is not null);
        var clusters = new AccountCluster[components.Length];
        var reused = 0;
        Parallel.For(0, components.Length, id =>
        {
            var (list, links) = (components[id], linksOf[id]);
            if (described?.Find(list, links, memberScores, memberIdentityWeakness) is { } held)
            {
                clusters[id] = held.Id == id ? held : held with { Id = id };
                Interlocked.Increment(ref reused);
            }
            else
            {
                clusters[id] = Describe(id, list, links, memberScores, memberIdentityWeakness, settings);
            }
        });

        memory?.Keep(
            settings, memberIdentityWeakness is not null, components, linksOf, clusters, described is null ? null : reused, memberScores, memberIdentityWeakness);
        return new Clustering(clusters, clusterOf);
    }

    /// <summary>
    /// The strong links and the links that may join components (medium, with infrastructure), each in the graph's order:
    /// millions of links are judged once, in parallel, instead of once per pass that needs them.
    /// </summary>
    private static (List<AccountLink> Strong, List<AccountLink> Candidates) Classify(IReadOnlyList<AccountLink> links, ClusterSettings settings)
    {
        const byte isStrong = 1, isCandidate = 2;
        var lightest = Math.Min(settings.MergeLinkWeight, settings.CheapMergeLinkWeight);
        var merging = settings.MergeMinLinks > 0;
        var kinds = new byte[links.Count];
        var slices = Math.Clamp(links.Count / 65_536, 1, 64);
        Parallel.For(0, slices, slice =>
        {
            var (from, to) = ((int)((long)links.Count * slice / slices), (int)((long)links.Count * (slice + 1) / slices));
            for (var i = from; i < to; i++)
            {
                var link = links[i];
                kinds[i] = IsStrong(link, settings) ? isStrong
                    : merging && link.Weight >= lightest && HasInfrastructure(link) ? isCandidate
                    : (byte)0;
            }
        });

        var (strong, candidates) = (new List<AccountLink>(), new List<AccountLink>());
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == isStrong)
            {
                strong.Add(links[i]);
            }
            else if (kinds[i] == isCandidate)
            {
                candidates.Add(links[i]);
            }
        }

        return (strong, candidates);
    }

    /// <summary>
    /// Joins components tied by several medium links (infrastructure plus client or template): the cells of one
    /// proxy network share proxy ranges and clients but not cards, so no single link between them is strong.
    /// </summary>
    /// <remarks>
    /// Lighter links (a shared proxy range alone) count only between components of cheap identities. Only fleets
    /// (components of <see cref="ClusterSettings.MergeMinComponentSize"/> or more) merge: a lone account sharing a
    /// range with a fleet is a customer of the same proxy or cloud, and joins only by a strong link. Each pass judges
    /// every pair on the components as they stood when it began, and passes repeat until nothing merges, so a chain
    /// of cells merges whatever its length.
    /// </remarks>
    private static void MergeFleets(int count, List<AccountLink> candidates, UnionFind sets, ClusterSettings settings, IReadOnlyList<double>? weakness)
    {
        if (settings.MergeMinLinks <= 0 || candidates.Count == 0)
        {
            return;
        }

        var root = new int[count];
        var size = new int[count];
        for (var pass = 0; pass < settings.MaxMergePasses; pass++)
        {
            for (var account = 0; account < count; account++)
            {
                root[account] = sets.Find(account);
                size[account] = 0;
            }

            for (var account = 0; account < count; account++)
            {
                size[root[account]]++;
            }

            var cheap = CheapComponents(count, root, size, settings, weakness);
            var between = new Dictionary<(int, int), (int Links, HashSet<int> Touched)>();
            foreach (var link in candidates)
            {
                var (x, y) = (root[link.A], root[link.B]);
                if (x == y || size[x] < settings.MergeMinComponentSize || size[y] < settings.MergeMinComponentSize
                    || (link.Weight < settings.MergeLinkWeight && !(cheap[x] && cheap[y])))
                {
                    continue;
                }

                var key = x < y ? (x, y) : (y, x);
                if (!between.TryGetValue(key, out var tie))
                {
                    tie = (0, []);
                }

                tie.Touched.Add(link.A);
                tie.Touched.Add(link.B);
                between[key] = tie with { Links = tie.Links + 1 };
            }

            var merged = false;
            foreach (var ((x, y), tie) in between.OrderBy(pair => pair.Key))
            {
                // Most of the smaller side must be tied: two fleets renting one cloud range stay two fleets.
                var smaller = size[x] <= size[y] ? x : y;
                var touched = tie.Touched.Count(account => root[account] == smaller);
                if (tie.Links >= settings.MergeMinLinks && touched >= settings.MergeMinTiedShare * size[smaller])
                {
                    sets.Union(x, y);
                    merged = true;
                }
            }

            if (!merged)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Accounts that each rotate through many networks and share several of them draw from one proxy pool: a harvester
    /// rotating residential proxies per request. Links cannot show it at scale (every pool range is shared by hundreds of
    /// independent-looking accounts and is discounted as a NAT), but a person or a NAT's users come from a handful of
    /// networks, and two unrelated rotators rarely meet on several ranges.
    /// </summary>
    private static void JoinProxyPools(UnionFind sets, int[][] networks, int networkCount, ClusterSettings settings)
    {
        if (settings.PoolMinNetworks <= 0)
        {
            return;
        }

        var rotators = new List<int>();
        var holders = new List<int>?[networkCount];
        for (var account = 0; account < networks.Length; account++)
        {
            if (networks[account].Length < settings.PoolMinNetworks)
            {
                continue;
            }

            rotators.Add(account);
            foreach (var network in networks[account])
            {
                (holders[network] ??= []).Add(account);
            }
        }

        // Per rotator, how many networks it shares with each later rotator (counts in a reused array, reset after use).
        // A network's holders are in account order, so the later ones are those after the rotator's own place. Rotators
        // are counted in parallel, each worker with its own counts; the pairs found are joined afterwards (the sets they
        // make do not depend on the order of the joins).
        var found = new ConcurrentBag<List<(int, int)>>();
        Parallel.For(
            0,
            rotators.Count,
            () => (Shared: new int[networks.Length], Touched: new List<int>(), Pairs: new List<(int, int)>()),
            (r, _, local) =>
            {
                var account = rotators[r];
                foreach (var network in networks[account])
                {
                    var held = CollectionsMarshal.AsSpan(holders[network]);
                    for (var i = FirstAfter(held, account); i < held.Length; i++)
                    {
                        if (local.Shared[held[i]]++ == 0)
                        {
                            local.Touched.Add(held[i]);
                        }
                    }
                }

                foreach (var other in local.Touched)
                {
                    if (local.Shared[other] >= settings.PoolMinShared)
                    {
                        local.Pairs.Add((account, other));
                    }

                    local.Shared[other] = 0;
                }

                local.Touched.Clear();
                return local;
            },
            local => found.Add(local.Pairs));
        foreach (var pairs in found)
        {
            foreach (var (account, other) in pairs)
            {
                sets.Union(account, other);
            }
        }
    }

    /// <summary>The index of the first entry of an ascending list that is greater than <paramref name="value"/>.</summary>
    private static int FirstAfter(ReadOnlySpan<int> ascending, int value)
    {
        var (low, high) = (0, ascending.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (ascending[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// Components of cheap identities whose core networks coincide are one fleet: a hydra's cells each send nearly all
    /// traffic through their own few proxy ranges, and a range that is core to two cells (held by most members of both,
    /// and by few accounts outside them) ties the cells however many accounts they have.
    /// </summary>
    private static void MergeByCoreNetworks(UnionFind sets, int[][] networks, int networkCount, ClusterSettings settings, IReadOnlyList<double>? weakness)
    {
        var count = networks.Length;
        var root = new int[count];
        var size = new int[count];
        for (var account = 0; account < count; account++)
        {
            root[account] = sets.Find(account);
        }

        for (var account = 0; account < count; account++)
        {
            size[root[account]]++;
        }

        var cheap = CheapComponents(count, root, size, settings, weakness);
        var holders = new int[networkCount];
        var inComponent = new Dictionary<(int Root, int Network), int>();
        for (var account = 0; account < count; account++)
        {
            var r = root[account];
            // A household's shared card makes a pair, not a fleet: cores are defined for components that could be campaigns.
            var fleet = size[r] >= Math.Max(settings.MergeMinComponentSize, settings.MinCampaignSize) && cheap[r];
            foreach (var network in networks[account])
            {
                holders[network]++;
                if (fleet)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(inComponent, (r, network), out _)++;
                }
            }
        }

        var cores = new Dictionary<int, List<(int Root, int Holders)>>();
        foreach (var ((r, network), held) in inComponent)
        {
            if (held >= settings.MergeMinTiedShare * size[r])
            {
                if (!cores.TryGetValue(network, out var list))
                {
                    cores[network] = list = [];
                }

                list.Add((r, held));
            }
        }

        foreach (var (network, list) in cores)
        {
            // The fleets must make up most of the network's users: a public cloud range or a carrier NAT many customers share ties nobody.
            if (list.Count < 2 || list.Sum(c => c.Holders) < settings.MergeMinTiedShare * holders[network])
            {
                continue;
            }

            foreach (var (r, _) in list)
            {
                sets.Union(list[0].Root, r);
            }
        }

        JoinLoneMembers(sets, networks, settings, root, size, cores);
    }

    /// <summary>
    /// A lone account (a cell member without a shared card) whose networks are mostly one fleet's core ranges, several
    /// of them, is that fleet's member; a developer who shares one cloud range with a cell keeps its own networks.
    /// </summary>
    private static void JoinLoneMembers(
        UnionFind sets, int[][] networks, ClusterSettings settings, int[] root, int[] size, Dictionary<int, List<(int Root, int Holders)>> cores)
    {
        var inFleet = new Dictionary<int, int>();
        for (var account = 0; account < networks.Length; account++)
        {
            if (size[root[account]] != 1 || networks[account].Length < settings.CoreMinNetworks)
            {
                continue;
            }

            inFleet.Clear();
            foreach (var network in networks[account])
            {
                if (cores.TryGetValue(network, out var list))
                {
                    foreach (var (r, _) in list)
                    {
                        inFleet[r] = inFleet.GetValueOrDefault(r) + 1;
                    }
                }
            }

            foreach (var (fleet, held) in inFleet)
            {
                if (held >= settings.CoreMinNetworks && held >= settings.MergeMinTiedShare * networks[account].Length)
                {
                    sets.Union(fleet, account);
                    break;
                }
            }
        }
    }

    /// <summary>By root: whether the component's mean identity weakness reaches the campaign level.</summary>
    private static bool[] CheapComponents(int count, int[] root, int[] size, ClusterSettings settings, IReadOnlyList<double>? weakness)
    {
        var cheap = new bool[count];
        if (weakness is null)
        {
            return cheap;
        }

        var sum = new double[count];
        for (var account = 0; account < count; account++)
        {
            sum[root[account]] += weakness[account];
        }

        for (var r = 0; r < count; r++)
        {
            cheap[r] = size[r] > 0 && sum[r] / size[r] >= settings.CampaignIdentityWeakness;
        }

        return cheap;
    }

    private static bool IsStrong(AccountLink link, ClusterSettings settings) =>
        link.Weight >= settings.StrongLinkWeight && (!settings.RequireInfrastructureTie || HasInfrastructure(link));

    private static bool HasInfrastructure(AccountLink link)
    {
        foreach (var evidence in link.Evidence)
        {
            if (evidence.Weight > 0 && IsInfrastructure(evidence.Type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInfrastructure(LinkType type) =>
        type is LinkType.Payment or LinkType.SignupIp or LinkType.RequestIp or LinkType.Prefix or LinkType.SignupBurst;

    private static AccountCluster Describe(
        int id, List<int> members, List<AccountLink> links, IReadOnlyList<double> scores, IReadOnlyList<double>? weakness, ClusterSettings settings)
    {
        var ordered = members.Select(m => scores[m]).OrderByDescending(s => s).ToArray();
        var risk = ordered.Take(Math.Max(1, (ordered.Length + 1) / 2)).Average();
        // Per type, the links that carry it; per attribute, the evidence naming it. A large cluster has a hundred thousand
        // links naming a few thousand attributes, each one text shared by the links of its key: counted by instance
        // first, so that each distinct text is hashed once, not once per link.
        var typeLinks = new int[Enum.GetValues<LinkType>().Length];
        var byInstance = new Dictionary<string, int>(ReferenceEqualityComparer.Instance);
        foreach (var link in links)
        {
            var seen = 0UL;
            foreach (var evidence in link.Evidence)
            {
                if ((seen & (1UL << (int)evidence.Type)) == 0)
                {
                    seen |= 1UL << (int)evidence.Type;
                    typeLinks[(int)evidence.Type]++;
                }

                CollectionsMarshal.GetValueRefOrAddDefault(byInstance, evidence.Attribute, out _)++;
            }
        }

        var byText = new Dictionary<string, int>(byInstance.Count, StringComparer.Ordinal);
        foreach (var (attribute, count) in byInstance)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(byText, attribute, out _) += count;
        }

        var types = typeLinks.Select((count, type) => new LinkTypeCount((LinkType)type, count))
            .Where(count => count.Links > 0)
            .OrderByDescending(count => count.Links).ThenBy(count => count.Type)
            .ToArray();
        var attributes = byText
            .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(settings.MaxSharedAttributes)
            .Select(pair => AccountCluster.WithCount(pair.Key, pair.Value))
            .ToArray();
        var meanWeight = links.Count == 0 ? 0 : links.Average(link => link.Weight);
        var cheap = weakness is null || members.Average(m => weakness[m]) >= settings.CampaignIdentityWeakness;
        var campaign = members.Count >= settings.MinCampaignSize && risk >= settings.CampaignRisk && cheap;
        return new AccountCluster(id, members, Math.Round(risk, 1), meanWeight, types, attributes, campaign);
    }
}

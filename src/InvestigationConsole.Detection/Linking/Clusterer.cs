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
    public static Clustering Cluster(
        AccountLinkGraph graph, IReadOnlyList<double> memberScores, ClusterSettings? settings = null, IReadOnlyList<double>? memberIdentityWeakness = null,
        IReadOnlyList<IReadOnlyList<string>>? memberNetworks = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(memberScores);
        settings ??= ClusterSettings.Default;
        var sets = new UnionFind(graph.AccountCount);
        foreach (var link in graph.Links)
        {
            if (IsStrong(link, settings))
            {
                sets.Union(link.A, link.B);
            }
        }

        if (memberNetworks is not null)
        {
            var networks = NetworkIds(memberNetworks, out var networkCount);
            JoinProxyPools(sets, networks, networkCount, settings);
            MergeByCoreNetworks(sets, networks, networkCount, settings, memberIdentityWeakness);
        }

        MergeFleets(graph, sets, settings, memberIdentityWeakness);
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

        var strongLinks = graph.Links.Where(link => IsStrong(link, settings)).ToLookup(link => sets.Find(link.A));
        var clusterOf = Enumerable.Repeat(-1, graph.AccountCount).ToArray();
        var components = members.OrderBy(pair => pair.Value[0]).ToArray();
        for (var id = 0; id < components.Length; id++)
        {
            foreach (var account in components[id].Value)
            {
                clusterOf[account] = id;
            }
        }

        // Each cluster is described from its own members and links alone, so they are described side by side.
        var clusters = new AccountCluster[components.Length];
        Parallel.For(0, components.Length, id =>
        {
            var (root, list) = components[id];
            clusters[id] = Describe(id, list, strongLinks[root].ToList(), memberScores, memberIdentityWeakness, settings);
        });

        return new Clustering(clusters, clusterOf);
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
    private static void MergeFleets(AccountLinkGraph graph, UnionFind sets, ClusterSettings settings, IReadOnlyList<double>? weakness)
    {
        if (settings.MergeMinLinks <= 0)
        {
            return;
        }

        var lightest = Math.Min(settings.MergeLinkWeight, settings.CheapMergeLinkWeight);
        var candidates = graph.Links.Where(link => link.Weight >= lightest && !IsStrong(link, settings) && HasInfrastructure(link)).ToArray();
        var count = graph.AccountCount;
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
        // A network's holders are in account order, so the later ones are those after the rotator's own place.
        var shared = new int[networks.Length];
        var touched = new List<int>();
        foreach (var account in rotators)
        {
            foreach (var network in networks[account])
            {
                var held = CollectionsMarshal.AsSpan(holders[network]);
                for (var i = FirstAfter(held, account); i < held.Length; i++)
                {
                    if (shared[held[i]]++ == 0)
                    {
                        touched.Add(held[i]);
                    }
                }
            }

            foreach (var other in touched)
            {
                if (shared[other] >= settings.PoolMinShared)
                {
                    sets.Union(account, other);
                }

                shared[other] = 0;
            }

            touched.Clear();
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
    /// Each account's networks as numbers, the same network the same number in every account (numbered in order of first
    /// appearance): the network passes count and look them up many times, and a string is hashed here once per holder.
    /// </summary>
    private static int[][] NetworkIds(IReadOnlyList<IReadOnlyList<string>> networks, out int networkCount)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var numbered = new int[networks.Count][];
        for (var account = 0; account < networks.Count; account++)
        {
            var names = networks[account];
            var row = new int[names.Count];
            for (var i = 0; i < row.Length; i++)
            {
                ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(ids, names[i], out var known);
                if (!known)
                {
                    id = ids.Count - 1;
                }

                row[i] = id;
            }

            numbered[account] = row;
        }

        networkCount = ids.Count;
        return numbered;
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
        var types = links.SelectMany(link => link.Evidence.Select(e => e.Type).Distinct())
            .GroupBy(type => type)
            .Select(group => new LinkTypeCount(group.Key, group.Count()))
            .OrderByDescending(count => count.Links).ThenBy(count => count.Type)
            .ToArray();
        var attributes = links.SelectMany(link => link.Evidence.Select(e => e.Attribute))
            .GroupBy(attribute => attribute, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Take(settings.MaxSharedAttributes)
            .Select(group => $"{group.Key} ({group.Count()} links)")
            .ToArray();
        var meanWeight = links.Count == 0 ? 0 : links.Average(link => link.Weight);
        var cheap = weakness is null || members.Average(m => weakness[m]) >= settings.CampaignIdentityWeakness;
        var campaign = members.Count >= settings.MinCampaignSize && risk >= settings.CampaignRisk && cheap;
        return new AccountCluster(id, members, Math.Round(risk, 1), meanWeight, types, attributes, campaign);
    }
}

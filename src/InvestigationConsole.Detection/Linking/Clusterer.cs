namespace InvestigationConsole.Detection.Linking;

/// <summary>The clusters and, for every account, the id of its cluster (-1 when it has none).</summary>
public sealed record Clustering(IReadOnlyList<AccountCluster> Clusters, IReadOnlyList<int> ClusterOfAccount);

/// <summary>Connected components over strong links (weighted union-find), described and risk-rated.</summary>
public static class Clusterer
{
    /// <param name="memberScores">Each account's risk score before cluster context, by dense index.</param>
    /// <param name="memberIdentityWeakness">Each account's identity weakness (0..10), if known; a campaign needs weak identities.</param>
    public static Clustering Cluster(
        AccountLinkGraph graph, IReadOnlyList<double> memberScores, ClusterSettings? settings = null, IReadOnlyList<double>? memberIdentityWeakness = null)
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
        var clusters = new List<AccountCluster>(members.Count);
        foreach (var (root, list) in members.OrderBy(pair => pair.Value[0]))
        {
            var id = clusters.Count;
            foreach (var account in list)
            {
                clusterOf[account] = id;
            }

            clusters.Add(Describe(id, list, strongLinks[root].ToList(), memberScores, memberIdentityWeakness, settings));
        }

        return new Clustering(clusters, clusterOf);
    }

    /// <summary>
    /// Joins components tied by several medium links (infrastructure plus client or template): the cells of one
    /// proxy network share proxy ranges and clients but not cards, so no single link between them is strong.
    /// </summary>
    /// <remarks>Lighter links (a shared proxy range alone) count only between components of cheap identities.</remarks>
    private static void MergeFleets(AccountLinkGraph graph, UnionFind sets, ClusterSettings settings, IReadOnlyList<double>? weakness)
    {
        if (settings.MergeMinLinks <= 0)
        {
            return;
        }

        for (var pass = 0; pass < 2; pass++)
        {
            var cheap = CheapComponents(graph.AccountCount, sets, settings, weakness);
            var between = new Dictionary<(int, int), (int Links, HashSet<int> Touched)>();
            foreach (var link in graph.Links)
            {
                if (link.Weight < Math.Min(settings.MergeLinkWeight, settings.CheapMergeLinkWeight) || link.Weight >= settings.StrongLinkWeight && IsStrong(link, settings)
                    || !link.Evidence.Any(e => e.Weight > 0 && IsInfrastructure(e.Type)))
                {
                    continue;
                }

                var (x, y) = (sets.Find(link.A), sets.Find(link.B));
                if (x == y || (link.Weight < settings.MergeLinkWeight && !(cheap[x] && cheap[y])))
                {
                    continue;
                }

                var key = x < y ? (x, y) : (y, x);
                if (!between.TryGetValue(key, out var tie))
                {
                    between[key] = tie = (0, []);
                }

                tie.Touched.Add(link.A);
                tie.Touched.Add(link.B);
                between[key] = tie with { Links = tie.Links + 1 };
            }

            foreach (var ((x, y), tie) in between.OrderBy(pair => pair.Key))
            {
                // Most of the smaller side must be tied: two fleets renting one cloud range stay two fleets.
                var smaller = sets.SizeOf(x) <= sets.SizeOf(y) ? x : y;
                var touched = tie.Touched.Count(account => sets.Find(account) == smaller);
                if (tie.Links >= settings.MergeMinLinks && touched >= settings.MergeMinTiedShare * sets.SizeOf(smaller))
                {
                    sets.Union(x, y);
                }
            }
        }
    }

    /// <summary>By root: whether the component's mean identity weakness reaches the campaign level.</summary>
    private static bool[] CheapComponents(int count, UnionFind sets, ClusterSettings settings, IReadOnlyList<double>? weakness)
    {
        var cheap = new bool[count];
        if (weakness is null)
        {
            return cheap;
        }

        var sum = new double[count];
        var size = new int[count];
        for (var account = 0; account < count; account++)
        {
            var root = sets.Find(account);
            sum[root] += weakness[account];
            size[root]++;
        }

        for (var root = 0; root < count; root++)
        {
            cheap[root] = size[root] > 0 && sum[root] / size[root] >= settings.CampaignIdentityWeakness;
        }

        return cheap;
    }

    private static bool IsStrong(AccountLink link, ClusterSettings settings) =>
        link.Weight >= settings.StrongLinkWeight && (!settings.RequireInfrastructureTie || link.Evidence.Any(e => e.Weight > 0 && IsInfrastructure(e.Type)));

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

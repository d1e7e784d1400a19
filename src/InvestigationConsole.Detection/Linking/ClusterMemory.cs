using System.Runtime.InteropServices;

namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// What a clustering leaves for the next one to reuse: the numbers it gave the accounts' networks and the clusters it
/// described with what they were described from. Given to <see cref="Clusterer.Cluster"/>, a clustering reads what the
/// last one left and leaves its own. One clustering at a time; the caller holds it between runs (ADR-007).
/// </summary>
/// <remarks>
/// <para>
/// Networks: an account whose network list is the very object the last clustering numbered keeps its numbers; other
/// lists are numbered with the same table, new networks taking the next numbers. The passes over networks do not depend
/// on which number a network has, only on which accounts share it (their dictionaries are filled and read in account
/// order, never in number order). The table is numbered afresh once it has grown to twice its size when last made.
/// </para>
/// <para>
/// Clusters: a cluster is described from its members, their scores and identity weakness, its strong links (their
/// weights, and their evidence's types and attributes, in the graph's order) and the settings. A cluster whose members
/// (in order), scores, weakness and links are those of a cluster the last clustering described under equal settings
/// is that description, under its new number.
/// </para>
/// </remarks>
public sealed class ClusterMemory
{
    private NetworkTable? _networks;
    private DescribedClusters? _described;

    /// <summary>Whether a clustering has left anything.</summary>
    public bool Holds => _described is not null;

    /// <summary>How many of its clusters the last clustering took as described before (null: it held nothing to take them from).</summary>
    public int? LastReused { get; private set; }

    /// <summary>Lets go of what the last clustering left: the next one numbers and describes everything.</summary>
    public void Forget()
    {
        _networks = null;
        _described = null;
        LastReused = null;
    }

    /// <summary>
    /// Each account's networks as numbers, the same network the same number in every account (numbered in order of first
    /// appearance): the network passes count and look them up many times, and a string is hashed here once per holder.
    /// </summary>
    internal int[][] NetworkIds(IReadOnlyList<IReadOnlyList<string>> networks, out int networkCount)
    {
        var table = _networks is { } held && held.Ids.Count <= 2 * Math.Max(held.SizeWhenMade, 1024) ? held : null;
        var ids = table?.Ids ?? new Dictionary<string, int>(StringComparer.Ordinal);
        var numbered = new int[networks.Count][];
        for (var account = 0; account < networks.Count; account++)
        {
            var names = networks[account];
            if (table is not null && account < table.Lists.Length && ReferenceEquals(table.Lists[account], names))
            {
                numbered[account] = table.Rows[account];
                continue;
            }

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

        _networks = new NetworkTable(ids, table?.SizeWhenMade ?? ids.Count, [.. networks], numbered);
        networkCount = ids.Count;
        return numbered;
    }

    /// <summary>The clusters the last clustering described under settings of these values, with or without weakness as this one.</summary>
    internal DescribedClusters? Described(ClusterSettings settings, bool withWeakness) =>
        _described is { } held && held.Settings == settings && held.WithWeakness == withWeakness ? held : null;

    internal void Keep(
        ClusterSettings settings, bool withWeakness, List<int>[] members, List<AccountLink>[] links, AccountCluster[] clusters, int? reused,
        IReadOnlyList<double> scores, IReadOnlyList<double>? weakness)
    {
        var byFirst = new Dictionary<int, DescribedCluster>(clusters.Length);
        for (var id = 0; id < clusters.Length; id++)
        {
            var list = members[id];
            byFirst[list[0]] = new DescribedCluster(
                list, links[id], list.Select(m => scores[m]).ToArray(), weakness is null ? null : list.Select(m => weakness[m]).ToArray(), clusters[id]);
        }

        _described = new DescribedClusters(settings, withWeakness, byFirst);
        LastReused = reused;
    }

    private sealed record NetworkTable(Dictionary<string, int> Ids, int SizeWhenMade, IReadOnlyList<string>[] Lists, int[][] Rows);
}

/// <summary>One described cluster and what it was described from.</summary>
internal sealed record DescribedCluster(List<int> Members, List<AccountLink> Links, double[] Scores, double[]? Weakness, AccountCluster Cluster);

/// <summary>The clusters a clustering described, by first member.</summary>
internal sealed record DescribedClusters(ClusterSettings Settings, bool WithWeakness, Dictionary<int, DescribedCluster> ByFirst)
{
    /// <summary>The description of a cluster of these members, scores, weakness and links, if one was made.</summary>
    public AccountCluster? Find(List<int> members, List<AccountLink> links, IReadOnlyList<double> scores, IReadOnlyList<double>? weakness)
    {
        if (!ByFirst.TryGetValue(members[0], out var held) || held.Members.Count != members.Count || held.Links.Count != links.Count)
        {
            return null;
        }

        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            if (held.Members[i] != m || !SameBits(held.Scores[i], scores[m]) || (weakness is not null && !SameBits(held.Weakness![i], weakness[m])))
            {
                return null;
            }
        }

        for (var i = 0; i < links.Count; i++)
        {
            if (!SameForDescription(held.Links[i], links[i]))
            {
                return null;
            }
        }

        return held.Cluster;
    }

    private static bool SameBits(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

    /// <summary>Whether two links describe a cluster alike: the same weight, and evidence of the same types and attributes in the same order.</summary>
    private static bool SameForDescription(AccountLink x, AccountLink y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (!SameBits(x.Weight, y.Weight) || x.Evidence.Count != y.Evidence.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Evidence.Count; i++)
        {
            if (x.Evidence[i].Type != y.Evidence[i].Type || !string.Equals(x.Evidence[i].Attribute, y.Evidence[i].Attribute, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

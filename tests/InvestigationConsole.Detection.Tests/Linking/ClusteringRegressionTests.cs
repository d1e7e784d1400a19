using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InvestigationConsole.Detection.Linking;

namespace InvestigationConsole.Detection.Tests.Linking;

/// <summary>
/// The clusterer's whole output on a population that exercises every pass (strong links, proxy pools, core ranges, lone
/// members, fleet merges), pinned: a change meant only to make clustering cheaper must leave it exactly as it was.
/// </summary>
public class ClusteringRegressionTests
{
    /// <summary>
    /// The digest of <see cref="Digest"/> as the clusterer made it before networks were numbered (main 8941ef5), with a
    /// shared attribute of one link named "(1 link)" instead of "(1 links)" (session 23; with that one text mapped back,
    /// the output's digest was 8941ef5's, a7abc53d…).
    /// </summary>
    private const string Pinned = "0ddd0062ec757c467ca9e5551eb9d1b5356d501e5b953df5ccad1ef271c944b8";

    [Fact]
    public void Cluster_MixedPopulationWithNetworks_OutputIsExactlyThePinnedOne()
    {
        var random = new Random(43);
        var accounts = WithPoolsAndCells(41, random);
        var count = accounts.Facts.Count;
        var scores = Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * 90, 1)).ToArray();
        var weakness = Enumerable.Range(0, count).Select(_ => random.Next(0, 11) * 1.0).ToArray();

        var clustering = Clusterer.Cluster(AccountLinkGraph.Build(accounts.Facts), scores, ClusterSettings.Default, weakness, accounts.Facts.Select(f => f.Prefixes).ToArray());

        Assert.True(clustering.Clusters.Count >= 5, $"{clustering.Clusters.Count} clusters");
        Assert.Equal(Pinned, Digest(clustering));
    }

    /// <summary>A mixed population with a proxy pool of rotators, four cells on shared proxy ranges and cardless cell members.</summary>
    internal static SyntheticAccounts WithPoolsAndCells(int seed, Random random)
    {
        var accounts = MixedPopulations.Of(seed);
        var pool = Enumerable.Range(0, 120).Select(n => $"10.9.{n}.0/24").ToArray();
        accounts.Add("pool", 60, (i, f) => f with { Prefixes = [.. pool.OrderBy(_ => random.Next()).Take(26 + (i % 5)), pool[i % 3]] });
        string[] proxies = ["203.0.113.0/24", "198.18.1.0/24", "198.18.2.0/24"];
        for (var cell = 0; cell < 4; cell++)
        {
            var card = $"card-{cell}";
            accounts.Add($"cell-{cell}", 5 + cell, (i, f) => f with { PaymentFingerprint = card, Prefixes = [proxies[cell % 3], proxies[(cell + 1) % 3], $"100.64.{cell}.0/24"] });
        }

        accounts.Add("cardless", 6, (i, f) => f with { PaymentFingerprint = null, Prefixes = i % 2 == 0 ? proxies : [proxies[0], $"100.65.{i}.0/24", $"100.66.{i}.0/24"] });
        return accounts;
    }

    internal static string Digest(Clustering clustering)
    {
        var text = new StringBuilder();
        foreach (var cluster in clustering.Clusters)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"C{cluster.Id}|{string.Join(',', cluster.Members)}|{Bits(cluster.Risk)}|{Bits(cluster.MeanLinkWeight)}|{string.Join(',', cluster.DominantLinkTypes)}|{string.Join('\u001f', cluster.SharedAttributes)}|{cluster.IsCampaign}\n");
        }

        text.Append(string.Join(',', clustering.ClusterOfAccount));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);
}

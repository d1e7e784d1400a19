using InvestigationConsole.Detection.Linking;

namespace InvestigationConsole.Detection.Tests.Linking;

/// <summary>
/// A clustering that reuses what the last one left (<see cref="ClusterMemory"/>: network numbers, described clusters)
/// must give what a clustering on its own gives, bit for bit, whatever changed: links, networks, scores, identity
/// weakness, lists rebuilt with the same values, settings.
/// </summary>
public class ClusterMemoryTests
{
    [Theory]
    [InlineData(41)]
    [InlineData(57)]
    public void Cluster_WithMemory_AfterRandomChanges_IsTheClusteringOfOneWithout(int seed)
    {
        var random = new Random(seed);
        var facts = ClusteringRegressionTests.WithPoolsAndCells(seed, random).Facts.ToArray();
        var scores = facts.Select(_ => Math.Round(random.NextDouble() * 90, 1)).ToArray();
        var weakness = facts.Select(_ => random.Next(0, 11) * 1.0).ToArray();
        var settings = ClusterSettings.Default;
        var (links, clusters) = (new LinkMemory(), new ClusterMemory());

        var first = Compare(facts, scores, weakness, settings, links, clusters);
        Assert.Null(clusters.LastReused);
        Assert.True(first.Clusters.Count >= 5, $"{first.Clusters.Count} clusters");
        var reusedMost = 0;
        foreach (var changes in new[] { 0, 1, 3, 12, 0, 40, 2, 5, 150 })
        {
            for (var c = 0; c < changes; c++)
            {
                var i = random.Next(facts.Length);
                switch (random.Next(4))
                {
                    case 0:
                        scores[i] = Math.Round(random.NextDouble() * 90, 1);
                        break;
                    case 1:
                        weakness[i] = random.Next(0, 11);
                        break;
                    default:
                        facts[i] = LinkMemoryTests.Change(facts[i], facts[random.Next(facts.Length)], random);
                        break;
                }
            }

            // A network list rebuilt with the very same values: numbered again, to the same clustering.
            var j = random.Next(facts.Length);
            facts[j] = facts[j] with { Prefixes = [.. facts[j].Prefixes] };
            var clustering = Compare(facts, scores, weakness, settings, links, clusters);
            Assert.NotNull(clusters.LastReused);
            Assert.InRange(clusters.LastReused!.Value, 0, clustering.Clusters.Count);
            if (clusters.LastReused >= clustering.Clusters.Count / 2)
            {
                reusedMost++;
            }
        }

        Assert.True(reusedMost >= 4, $"only {reusedMost} clusterings took most descriptions as they were");

        // Other settings: nothing described is taken, and the clustering is still the one made without memory.
        Compare(facts, scores, weakness, settings with { CampaignRisk = 30 }, links, clusters);
        Assert.Null(clusters.LastReused);

        // Without weakness after a clustering with it: described afresh.
        var withMemory = Clusterer.Cluster(AccountLinkGraph.Build(facts, null, links), scores, settings, null, facts.Select(f => f.Prefixes).ToArray(), clusters);
        var without = Clusterer.Cluster(AccountLinkGraph.Build(facts), scores, settings, null, facts.Select(f => f.Prefixes).ToArray());
        Assert.Equal(ClusteringRegressionTests.Digest(without), ClusteringRegressionTests.Digest(withMemory));
        Assert.Null(clusters.LastReused);

        clusters.Forget();
        Assert.False(clusters.Holds);
    }

    [Fact]
    public void Cluster_WithMemory_TheSameInputTwice_TakesEveryDescriptionAndKeepsThePinnedOutput()
    {
        var random = new Random(43);
        var facts = ClusteringRegressionTests.WithPoolsAndCells(41, random).Facts;
        var scores = facts.Select(_ => Math.Round(random.NextDouble() * 90, 1)).ToArray();
        var weakness = facts.Select(_ => random.Next(0, 11) * 1.0).ToArray();
        var graph = AccountLinkGraph.Build(facts);
        var networks = facts.Select(f => f.Prefixes).ToArray();
        var memory = new ClusterMemory();

        var once = Clusterer.Cluster(graph, scores, ClusterSettings.Default, weakness, networks, memory);
        var twice = Clusterer.Cluster(graph, scores, ClusterSettings.Default, weakness, networks, memory);

        Assert.Equal(ClusteringRegressionTests.Digest(once), ClusteringRegressionTests.Digest(twice));
        Assert.Equal(twice.Clusters.Count, memory.LastReused);
        Assert.Same(once.Clusters[0], twice.Clusters[0]);

        // One member's score moved: only its cluster is described again.
        var member = once.Clusters[1].Members[0];
        scores[member] += 1;
        var moved = Clusterer.Cluster(graph, scores, ClusterSettings.Default, weakness, networks, memory);
        Assert.Equal(
            ClusteringRegressionTests.Digest(Clusterer.Cluster(graph, scores, ClusterSettings.Default, weakness, networks)),
            ClusteringRegressionTests.Digest(moved));
        Assert.Equal(moved.Clusters.Count - 1, memory.LastReused);
        Assert.NotSame(once.Clusters[1], moved.Clusters[1]);
    }

    /// <summary>Clusters with both memories and without any, asserts the two are the same and returns the one with memory.</summary>
    private static Clustering Compare(
        AccountLinkFacts[] facts, double[] scores, double[] weakness, ClusterSettings settings, LinkMemory links, ClusterMemory clusters)
    {
        var networks = facts.Select(f => f.Prefixes).ToArray();
        var withMemory = Clusterer.Cluster(AccountLinkGraph.Build(facts, null, links), scores, settings, weakness, networks, clusters);
        var without = Clusterer.Cluster(AccountLinkGraph.Build(facts), scores, settings, weakness, networks);
        Assert.Equal(ClusteringRegressionTests.Digest(without), ClusteringRegressionTests.Digest(withMemory));
        return withMemory;
    }
}

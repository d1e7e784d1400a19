using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Tests.Linking;

public class ClustererTests
{
    private static (SyntheticAccounts Accounts, Clustering Clustering) Mixed(double enterpriseScore, double campaignScore)
    {
        var accounts = new SyntheticAccounts(11);
        accounts.Individuals(300);
        accounts.Campus(80);
        accounts.Enterprise("northlabs", 40);
        accounts.CampaignCell("cell-a", 30);
        var scores = new double[accounts.Facts.Count];
        foreach (var i in accounts.Groups["northlabs"])
        {
            scores[i] = enterpriseScore;
        }

        foreach (var i in accounts.Groups["cell-a"])
        {
            scores[i] = campaignScore;
        }

        return (accounts, Clusterer.Cluster(AccountLinkGraph.Build(accounts.Facts), scores));
    }

    [Fact]
    public void Cluster_CampaignCell_IsOneCampaignWithItsSharedAttributes()
    {
        var (accounts, clustering) = Mixed(enterpriseScore: 20, campaignScore: 50);

        var cell = accounts.Groups["cell-a"];
        var cluster = clustering.Clusters[clustering.ClusterOfAccount[cell[0]]];
        Assert.Equal(cell, cluster.Members);
        Assert.True(cluster.IsCampaign);
        Assert.Equal(50, cluster.Risk);
        Assert.Contains(cluster.DominantLinkTypes, t => t.Type == LinkType.Template);
        Assert.Contains(cluster.DominantLinkTypes, t => t.Type == LinkType.Synchrony);
        Assert.NotEmpty(cluster.SharedAttributes);
        Assert.Contains("shares", cluster.ToContext().Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_VerifiedEnterpriseSharingCardAndSlash24_IsNotACampaign()
    {
        var (accounts, clustering) = Mixed(enterpriseScore: 45, campaignScore: 50);

        foreach (var member in accounts.Groups["northlabs"])
        {
            var id = clustering.ClusterOfAccount[member];
            Assert.True(id < 0 || !clustering.Clusters[id].IsCampaign, $"account {member} in campaign cluster {id}");
        }
    }

    [Fact]
    public void Cluster_CampusNatAndIndividuals_FormNoClusters()
    {
        var (accounts, clustering) = Mixed(enterpriseScore: 0, campaignScore: 50);

        Assert.All(accounts.Groups["campus"].Concat(accounts.Groups["person"]), member => Assert.Equal(-1, clustering.ClusterOfAccount[member]));
    }

    [Fact]
    public void Cluster_UnverifiedAccountsSharingCardAndNetwork_WouldBeACampaignAtTheSameRisk()
    {
        var accounts = new SyntheticAccounts(12);
        accounts.Enterprise("shell", 40);
        var unverified = accounts.Facts.Select(f => f with { StrongIdentity = false }).ToList();

        var clustering = Clusterer.Cluster(AccountLinkGraph.Build(unverified), Enumerable.Repeat(45.0, 40).ToArray());

        var cluster = Assert.Single(clustering.Clusters);
        Assert.True(cluster.IsCampaign);
        Assert.Equal(LinkType.Payment, cluster.DominantLinkTypes[0].Type);
    }

    [Fact]
    public void Cluster_OfTwo_SaysOneLinkInTheSingular()
    {
        var accounts = new SyntheticAccounts(13);
        accounts.Add("pair", 2, (_, f) => f with { PaymentFingerprint = "card-pair" });

        var cluster = Assert.Single(Clusterer.Cluster(AccountLinkGraph.Build(accounts.Facts), [60.0, 80]).Clusters);

        Assert.Equal("payment method card-pair (1 link)", cluster.SharedAttributes[0]);
        Assert.Equal("Payment ×1; shares payment method card-pair (1 link)", cluster.Description);
        Assert.Equal("Payment; shares payment method card-pair", cluster.Ties);
    }

    [Fact]
    public void Cluster_RiskIsMeanOfRiskierHalf_AndFeedsScorer()
    {
        var accounts = new SyntheticAccounts(13);
        accounts.Add("ring", 4, (_, f) => f with { PaymentFingerprint = "card-ring" });

        var cluster = Assert.Single(Clusterer.Cluster(AccountLinkGraph.Build(accounts.Facts), [10.0, 20, 60, 80]).Clusters);

        Assert.Equal(70, cluster.Risk);
        Assert.Equal(new ClusterContext(0, 4, 70, cluster.Ties) { IsCampaign = true }, cluster.ToContext());

        // The members' explanations name the link types without their counts, which move with the cluster's traffic.
        Assert.Equal("payment method card-ring (6 links)", cluster.SharedAttributes[0]);
        Assert.Equal("Payment ×6; shares payment method card-ring (6 links)", cluster.Description);
        Assert.Equal("Payment; shares payment method card-ring", cluster.Ties);
    }

    [Fact]
    public void Cluster_SharedTemplateAndClientWithoutInfrastructure_IsNoCluster()
    {
        var accounts = new SyntheticAccounts(17);
        accounts.Add("benchmarkers", 6, (i, f) => f with { TemplateKeys = [1, 2, 3], ApiBehaviourFingerprint = "eval-harness", PivotAt = SyntheticAccounts.Epoch });

        var clustering = Clusterer.Cluster(AccountLinkGraph.Build(accounts.Facts), new double[6]);

        Assert.Empty(clustering.Clusters);
    }

    [Fact]
    public void Cluster_CellsSharingProxyRangesOnly_MergeWhenIdentitiesAreCheap()
    {
        var accounts = new SyntheticAccounts(19);
        accounts.Add("cell-1", 5, (i, f) => f with { PaymentFingerprint = "card-1", Prefixes = ["203.0.113.0/24"] });
        accounts.Add("cell-2", 5, (i, f) => f with { PaymentFingerprint = "card-2", Prefixes = ["203.0.113.0/24"] });
        var graph = AccountLinkGraph.Build(accounts.Facts);
        var scores = Enumerable.Repeat(30.0, 10).ToArray();

        var cheap = Clusterer.Cluster(graph, scores, memberIdentityWeakness: Enumerable.Repeat(8.0, 10).ToArray());
        var verified = Clusterer.Cluster(graph, scores, memberIdentityWeakness: Enumerable.Repeat(0.0, 10).ToArray());

        Assert.Single(cheap.Clusters);
        Assert.True(cheap.Clusters[0].IsCampaign);
        Assert.Equal(2, verified.Clusters.Count);
        Assert.All(verified.Clusters, cluster => Assert.False(cluster.IsCampaign));
    }

    [Fact]
    public void Cluster_LoneAccountSharingAFleetsRange_StaysOutside()
    {
        var accounts = new SyntheticAccounts(23);
        accounts.Add("cell-1", 5, (i, f) => f with { PaymentFingerprint = "card-1", Prefixes = ["203.0.113.0/24"] });
        accounts.Add("cell-2", 5, (i, f) => f with { PaymentFingerprint = "card-2", Prefixes = ["203.0.113.0/24"] });
        var developer = accounts.Add("developer", 1, (i, f) => f with { Prefixes = ["203.0.113.0/24"] }).Single();
        var weakness = Enumerable.Repeat(8.0, accounts.Facts.Count).ToArray();

        var clustering = Clusterer.Cluster(AccountLinkGraph.Build(accounts.Facts), Enumerable.Repeat(30.0, accounts.Facts.Count).ToArray(), memberIdentityWeakness: weakness);

        Assert.Single(clustering.Clusters);
        Assert.Equal(-1, clustering.ClusterOfAccount[developer]);
    }

    [Fact]
    public void Cluster_RotatorsSharingSeveralPoolNetworks_AreOneFleet()
    {
        // 40 harvesters, each drawing 30 of a pool of 200 ranges; a VPN user rotating through 30 ranges of its own.
        var random = new Random(5);
        var pool = Enumerable.Range(0, 200).Select(n => $"10.{n / 256}.{n % 256}.0/24").ToArray();
        var accounts = new SyntheticAccounts(29);
        var fleet = accounts.Add("pool", 40, (i, f) => f with { Prefixes = pool.OrderBy(_ => random.Next()).Take(30).ToArray() }).ToArray();
        var traveller = accounts.Add("traveller", 1, (i, f) => f with { Prefixes = Enumerable.Range(0, 30).Select(n => $"172.16.{n}.0/24").ToArray() }).Single();
        var networks = accounts.Facts.Select(f => f.Prefixes).ToArray();

        var joined = Clusterer.Cluster(AccountLinkGraph.Build(accounts.Facts), new double[accounts.Facts.Count], memberNetworks: networks);
        var off = Clusterer.Cluster(AccountLinkGraph.Build(accounts.Facts), new double[accounts.Facts.Count], new ClusterSettings { PoolMinNetworks = 0 }, memberNetworks: networks);

        var cluster = Assert.Single(joined.Clusters);
        Assert.Equal(fleet, cluster.Members);
        Assert.Equal(-1, joined.ClusterOfAccount[traveller]);
        Assert.Empty(off.Clusters);
    }

    [Fact]
    public void Cluster_CellsWithACommonCoreRange_MergeUnlessMostOfItsUsersAreOutsiders()
    {
        SyntheticAccounts Cells(int outsiders)
        {
            var accounts = new SyntheticAccounts(31);
            accounts.Add("cell-1", 6, (i, f) => f with { PaymentFingerprint = "card-1", Prefixes = ["203.0.113.0/24", "198.18.1.0/24"] });
            accounts.Add("cell-2", 6, (i, f) => f with { PaymentFingerprint = "card-2", Prefixes = ["203.0.113.0/24", "198.18.2.0/24"] });
            accounts.Add("cloud", outsiders, (i, f) => f with { Prefixes = ["203.0.113.0/24"] });
            return accounts;
        }

        // Links alone cannot tie the cells (merging by links off): only the range both cells send all their traffic through.
        var settings = new ClusterSettings { MergeMinLinks = 0 };
        var proxy = Cells(0);
        var cloud = Cells(40);

        var merged = Clusterer.Cluster(
            AccountLinkGraph.Build(proxy.Facts), new double[proxy.Facts.Count], settings, Enumerable.Repeat(8.0, proxy.Facts.Count).ToArray(), proxy.Facts.Select(f => f.Prefixes).ToArray());
        var apart = Clusterer.Cluster(
            AccountLinkGraph.Build(cloud.Facts), new double[cloud.Facts.Count], settings, Enumerable.Repeat(8.0, cloud.Facts.Count).ToArray(), cloud.Facts.Select(f => f.Prefixes).ToArray());

        Assert.Equal(12, Assert.Single(merged.Clusters).Size);
        Assert.Equal(2, apart.Clusters.Count);
    }

    [Fact]
    public void Cluster_LoneAccountOnMostlyAFleetsCoreRanges_JoinsIt()
    {
        string[] proxies = ["203.0.113.0/24", "198.18.1.0/24", "198.18.2.0/24"];
        var accounts = new SyntheticAccounts(37);
        accounts.Add("cell", 8, (i, f) => f with { PaymentFingerprint = "card-1", Prefixes = proxies });
        var cardless = accounts.Add("cardless", 1, (i, f) => f with { PaymentFingerprint = null, Prefixes = proxies }).Single();
        var developer = accounts.Add("developer", 1, (i, f) => f with { Prefixes = [proxies[0], "100.64.9.0/24", "100.64.10.0/24"] }).Single();
        var weakness = Enumerable.Repeat(8.0, accounts.Facts.Count).ToArray();

        var clustering = Clusterer.Cluster(
            AccountLinkGraph.Build(accounts.Facts), new double[accounts.Facts.Count], memberIdentityWeakness: weakness, memberNetworks: accounts.Facts.Select(f => f.Prefixes).ToArray());

        Assert.Equal(9, Assert.Single(clustering.Clusters).Size);
        Assert.NotEqual(-1, clustering.ClusterOfAccount[cardless]);
        Assert.Equal(-1, clustering.ClusterOfAccount[developer]);
    }
}

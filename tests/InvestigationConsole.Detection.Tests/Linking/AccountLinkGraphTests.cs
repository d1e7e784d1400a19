using InvestigationConsole.Detection.Linking;

namespace InvestigationConsole.Detection.Tests.Linking;

public class AccountLinkGraphTests
{
    [Fact]
    public void Build_SharedCard_LinksPairWithPaymentEvidence()
    {
        var accounts = new SyntheticAccounts(1);
        accounts.Individuals(5);
        accounts.Add("pair", 2, (_, f) => f with { PaymentFingerprint = "card-shared" });

        var graph = AccountLinkGraph.Build(accounts.Facts);

        var link = Assert.Single(graph.Links);
        Assert.Equal((5, 6), (link.A, link.B));
        Assert.Equal(1.0, link.Weight, 6);
        Assert.Equal(new LinkEvidence(LinkType.Payment, 1.0, 1, "payment method card-shared"), link.Evidence[0]);
    }

    [Fact]
    public void Build_AddressSharedByManyIndependentAccounts_IsDiscountedAsNat()
    {
        var accounts = new SyntheticAccounts(2);
        accounts.Campus(100);

        var graph = AccountLinkGraph.Build(accounts.Facts, new LinkSettings { MinLinkWeight = 0 });

        Assert.NotEmpty(graph.Links);
        Assert.All(graph.Links, link => Assert.True(link.Weight < 0.2, $"{link.Weight}"));
    }

    [Fact]
    public void Build_LinksBelowTheFloor_AreDropped()
    {
        var accounts = new SyntheticAccounts(2);
        accounts.Campus(100);
        accounts.Add("pair", 2, (i, f) => f with { PaymentFingerprint = "card-shared" });

        var graph = AccountLinkGraph.Build(accounts.Facts);

        var link = Assert.Single(graph.Links);
        Assert.Equal(LinkType.Payment, link.Evidence[0].Type);
    }

    [Fact]
    public void Build_VerifiedOrganisation_SharedCardAndNetworkStayBelowStrong()
    {
        var accounts = new SyntheticAccounts(3);
        accounts.Enterprise("northlabs", 40);

        var graph = AccountLinkGraph.Build(accounts.Facts);

        Assert.NotEmpty(graph.Links);
        Assert.All(graph.Links, link => Assert.True(link.Weight < LinkSettings.Default.StrongLinkWeight, $"{link.Weight}"));
        Assert.Contains(graph.Links, link => link.Has(LinkType.Payment) && link.Has(LinkType.Prefix));
    }

    [Fact]
    public void Build_HugeSharedBucket_ChainsInsteadOfLinkingAllPairs()
    {
        var accounts = new SyntheticAccounts(4);
        accounts.Add("ring", 1000, (_, f) => f with { PaymentFingerprint = "card-ring" });

        var graph = AccountLinkGraph.Build(accounts.Facts);

        Assert.InRange(graph.Links.Count, 990, 3000);
        Assert.Single(Clusterer.Cluster(graph, new double[1000]).Clusters);
    }

    [Fact]
    public void Build_FewSharedActivityBuckets_IsCoincidenceNotSynchrony()
    {
        var accounts = new SyntheticAccounts(5);
        accounts.Add("few", 2, (_, f) => f with { ActivityKeys = [SynchronyKeys.Of(1, 9), SynchronyKeys.Of(2, 9), SynchronyKeys.Of(3, 9)] });
        accounts.Add("many", 2, (_, f) => f with { ActivityKeys = Enumerable.Range(10, 10).Select(b => SynchronyKeys.Of(b, 9)).ToArray() });

        var graph = AccountLinkGraph.Build(accounts.Facts);

        var link = Assert.Single(graph.Links);
        Assert.Equal((2, 3), (link.A, link.B));
        Assert.Equal(LinkType.Synchrony, link.Evidence[0].Type);
        Assert.Equal(10, link.Evidence[0].Shared);
    }

    [Fact]
    public void Build_SignupBurstFromOneNetwork_LinksTheBurst()
    {
        var accounts = new SyntheticAccounts(6);
        accounts.Add("burst", 3, (i, f) => f with { CreatedAt = SyntheticAccounts.Epoch.AddMinutes(30 + i), SignupPrefix = "203.0.113.0/24" });

        var graph = AccountLinkGraph.Build(accounts.Facts);

        Assert.Equal(3, graph.Links.Count(link => link.Has(LinkType.SignupBurst)));
        Assert.Contains("sign-up burst from 203.0.113.0/24 at 2026-01-01 00:30 UTC", graph.Links[0].Evidence.Select(e => e.Attribute));
    }

    [Theory]
    [InlineData(2, long.MaxValue)]
    [InlineData(7, long.MaxValue)]
    [InlineData(64, long.MaxValue)]
    [InlineData(1, 40)]
    [InlineData(1, 500)]
    [InlineData(5, 3000)]
    public void Build_LinksAndPairsCountedInSlices_SameGraphAsInOneSlice(int linkSlices, long pairSliceSize)
    {
        var graph = AccountLinkGraph.Build(MixedPopulations.Of(7).Facts, LinkSettings.Default, linkSlices, pairSliceSize);

        var whole = AccountLinkGraph.Build(MixedPopulations.Of(7).Facts, LinkSettings.Default, 1, long.MaxValue);
        Assert.True(whole.Links.Count > 100, $"{whole.Links.Count} links");
        Assert.Equal(whole.Links.Select(MixedPopulations.Describe), graph.Links.Select(MixedPopulations.Describe));
    }

    [Fact]
    public void Build_IndexesNotDense_Throws()
    {
        var facts = new[] { new AccountLinkFacts { Account = 1, AccountId = "x" } };

        Assert.Throws<ArgumentException>(() => AccountLinkGraph.Build(facts));
    }

    [Fact]
    public void BottomK_ASetOfTheKeys_KeepsWhatTheKeysWithRepeatsKeep()
    {
        var random = new Random(31);
        var keys = Enumerable.Range(0, 2000).Select(_ => (ulong)random.Next(700) * 0x9E37_79B9_7F4A_7C15).ToList();

        Assert.Equal(SynchronyKeys.BottomK(keys, 96), SynchronyKeys.BottomK(keys.ToHashSet(), 96));
        Assert.Equal(keys.Distinct().Order().Take(96), SynchronyKeys.BottomK(keys.ToHashSet(), 96));
    }

    [Fact]
    public void BottomK_SameKeysInAnyOrder_KeepsTheSameSmallestKeys()
    {
        var keys = Enumerable.Range(0, 500).Select(i => SynchronyKeys.Of(i, 1)).ToArray();
        var shuffled = keys.OrderBy(k => k % 97).Concat(keys.Take(10)).ToArray();

        Assert.Equal(keys.Order().Take(16), SynchronyKeys.BottomK(keys, 16));
        Assert.Equal(SynchronyKeys.BottomK(keys, 16), SynchronyKeys.BottomK(shuffled, 16));
    }
}

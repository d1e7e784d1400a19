using System.Diagnostics;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Detection.Tests.Scoring;
using Xunit.Abstractions;

namespace InvestigationConsole.Detection.Tests.Linking;

/// <summary>
/// A timed run at production size (224k accounts, 24k of them in campaign cells): linking and clustering must
/// stay near-linear. Bounds are loose because other builds share the 2-core machine; the output logs the times.
/// </summary>
[Trait("Category", "Scale")]
public class ScaleTests(ITestOutputHelper output)
{
    private const int Accounts = 224_000;
    private const int CampaignAccounts = 24_000;

    [Fact]
    public void LinkAndCluster_224kAccounts_FinishWithinSeconds()
    {
        var random = new Random(2026);
        var facts = new AccountLinkFacts[Accounts];
        for (var i = 0; i < Accounts; i++)
        {
            var campaign = i >= Accounts - CampaignAccounts;
            var cell = (i - (Accounts - CampaignAccounts)) / 500;
            var prefix = campaign ? $"10.{cell}.{random.Next(4)}.0/24" : $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(4)}.0/24";
            facts[i] = new AccountLinkFacts
            {
                Account = i,
                AccountId = $"acct-{i}",
                EmailDomain = campaign ? "tmpbox.xyz" : "gmail.com",
                PaymentFingerprint = campaign ? $"prepaid-{i / 8}" : $"card-{i}",
                CreatedAt = SyntheticAccounts.Epoch.AddMinutes(campaign ? i / 20 : random.Next(1_000_000)),
                SignupPrefix = prefix,
                Ips = [prefix.Replace("0/24", $"{random.Next(256)}", StringComparison.Ordinal)],
                Prefixes = [prefix],
                ApiBehaviourFingerprint = campaign ? "sdk-x" : $"client-{random.Next(40)}",
                TemplateKeys = Enumerable.Range(0, 8).Select(_ => campaign ? (ulong)(cell * 16) + (ulong)random.Next(16) : (ulong)Math.Pow(random.Next(1, 1000), 2) * 7919).Distinct().ToArray(),
                ActivityKeys = Enumerable.Range(0, 32).Select(_ => SynchronyKeys.Of(campaign ? random.Next(200) : random.Next(100_000), campaign ? (ulong)cell : (ulong)random.Next(50))).ToArray(),
            };
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var graph = AccountLinkGraph.Build(facts);
        var linked = clock.Elapsed;
        var scores = Enumerable.Range(0, Accounts).Select(i => i >= Accounts - CampaignAccounts ? 50.0 : 5.0).ToArray();
        var clustering = Clusterer.Cluster(graph, scores);
        var total = clock.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        output.WriteLine($"links: {graph.Links.Count:N0} in {linked.TotalSeconds:0.00} s; clusters: {clustering.Clusters.Count:N0}, campaigns: {clustering.Clusters.Count(c => c.IsCampaign)}; total {total.TotalSeconds:0.00} s wall, {cpu.TotalSeconds:0.00} s CPU");
        Assert.True(total < TimeSpan.FromSeconds(45), $"{total}");
        Assert.All(Enumerable.Range(Accounts - CampaignAccounts, CampaignAccounts), i => Assert.True(clustering.ClusterOfAccount[i] >= 0));
    }

    [Fact]
    public void ProfileAndScore_RequestsStreamAndPopulation_AreFast()
    {
        const int requests = 2_000_000;
        var sketches = Enumerable.Range(0, 512).Select(i => TemplateSketch.Compute($"template {i % 64} fill slot {i} with words")).ToArray();
        var builder = new AccountProfileBuilder([new ModelRelease(Archetypes.NewModel, Archetypes.Start.AddDays(5))]);
        var clock = Stopwatch.StartNew();
        var profiles = 0;
        for (var r = 0; r < requests; r++)
        {
            if (r % 70 == 0)
            {
                if (r > 0)
                {
                    builder.Build();
                    profiles++;
                }

                builder.Begin(new AccountIdentity($"a{r}", AccountTier.Free, VerificationLevel.Email, "gmail.com", Archetypes.Start, false, false));
            }

            var observation = new RequestObservation(
                Archetypes.Start.AddSeconds(r * 0.4), 200, 500, PromptTraits.Coding | PromptTraits.ChainOfThought, sketches[r % sketches.Length], r % 3, "203.0.113.5", "203.0.113.0/24", "frontier-large-2", false);
            builder.Add(observation);
        }

        var streamed = clock.Elapsed;
        var scorer = new RiskScorer();
        var population = Enumerable.Range(0, Accounts).Select(i => (i % 3) switch { 0 => Archetypes.Developer(), 1 => Archetypes.EvalRunner(), _ => Archetypes.HydraMember() }).ToArray();
        clock.Restart();
        var flagged = population.AsParallel().Count(profile => scorer.Score(profile).Flagged);
        var scored = clock.Elapsed;

        output.WriteLine($"profile builder: {requests:N0} requests into {profiles:N0} profiles in {streamed.TotalSeconds:0.00} s ({requests / streamed.TotalSeconds:N0}/s); scoring {Accounts:N0} profiles: {scored.TotalSeconds:0.00} s ({flagged:N0} flagged)");
        Assert.True(streamed < TimeSpan.FromSeconds(30));
        Assert.True(scored < TimeSpan.FromSeconds(30));
    }
}

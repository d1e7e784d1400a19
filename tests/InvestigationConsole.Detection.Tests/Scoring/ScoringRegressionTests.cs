using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Detection.Scoring.Signals;

namespace InvestigationConsole.Detection.Tests.Scoring;

/// <summary>
/// The scorer's whole output (every signal's numbers by their bits, evidence texts, order, families, scores) on a few
/// thousand varied profiles, pinned: a change meant only to make scoring cheaper must leave it exactly as it was.
/// </summary>
public class ScoringRegressionTests
{
    /// <summary>
    /// The digest of <see cref="Scored"/> as the scorer made it before its evidence texts were shared (main 8941ef5), with
    /// the coordination signal's value in whole points (the only difference: the digest of main's output with that value
    /// rounded was this one).
    /// </summary>
    private const string Pinned = "743997b4acfe697d28bbe5aa287a137abc2ab9c3da835c5a6a849f373c27f21c";

    private const int Accounts = 4000;

    private static readonly string[] Models = ["frontier-large-3", "frontier-mini-2", "coder-1"];

    private static readonly PopulationBaseline Baseline = new(
        [new ModelRelease(Models[0], Archetypes.Start), new ModelRelease(Models[1], Archetypes.Start.AddDays(9))],
        new Dictionary<string, double> { [Models[0]] = 0.05, [Models[1]] = 0.21 });

    [Fact]
    public void Score_VariedProfiles_OutputIsExactlyThePinnedOne()
    {
        var scorer = new RiskScorer(baseline: Baseline);

        var digest = Digest(Scored(scorer, Profiles(seed: 11)));

        Assert.Equal(Pinned, digest);
    }

    [Fact]
    public void Score_InParallelOnOneScorer_EqualsEachAccountScoredByAFreshScorer()
    {
        var profiles = Profiles(seed: 12);
        var shared = new RiskScorer(baseline: Baseline);
        var parallel = new AccountRisk[profiles.Length];

        Parallel.For(0, profiles.Length, i => parallel[i] = shared.Score(profiles[i]));
        var fresh = profiles.Select(profile => new RiskScorer(baseline: Baseline).Score(profile)).ToArray();

        Assert.Equal(Digest(fresh), Digest(parallel));
    }

    [Fact]
    public void Score_TwoSmallAccounts_ShareTheirEqualSilentSignal()
    {
        var scorer = new RiskScorer(baseline: Baseline);
        var small = Archetypes.Developer() with { PromptCount = 12, RequestCount = 12 };

        var first = scorer.Score(small with { AccountId = "a" });
        var second = scorer.Score(small with { AccountId = "b" });

        var chainOfThought = first.Signals.Single(signal => signal.Name == "chain-of-thought");
        Assert.Equal("only 12 prompts: too few to judge how many elicit chain-of-thought", chainOfThought.Evidence);
        Assert.Same(chainOfThought, second.Signals.Single(signal => signal.Name == "chain-of-thought"));
    }

    [Fact]
    public void SignalFamily_Values_CountFromZero()
    {
        Assert.Equal(Enumerable.Range(0, Enum.GetValues<SignalFamily>().Length), Enum.GetValues<SignalFamily>().Select(family => (int)family));
    }

    /// <summary>Each account scored alone, and then again within a cluster of one of a few kinds.</summary>
    private static AccountRisk[] Scored(RiskScorer scorer, AccountProfile[] profiles)
    {
        var risks = new List<AccountRisk>();
        for (var i = 0; i < profiles.Length; i++)
        {
            var risk = scorer.Score(profiles[i]);
            risks.Add(risk);
            if (i % 3 == 0)
            {
                var cluster = new ClusterContext(i % 17, 1 + (i % 7), i % 61 * 1.3, $"Payment ×{i % 5}; shares card-{i % 4} ({i % 9} links)") { IsCampaign = i % 6 == 0 };
                risks.Add(scorer.ApplyClusterContext(risk, cluster));
            }
        }

        return [.. risks];
    }

    /// <summary>Profiles across the ranges that matter: many too small to judge (their texts repeat), the rest anything.</summary>
    private static AccountProfile[] Profiles(int seed)
    {
        var random = new Random(seed);
        var domains = new[] { null, "gmail.com", "kestrel-research.ai", "mailinator.com", "shipyard.dev" };
        var profiles = new AccountProfile[Accounts];
        for (var i = 0; i < profiles.Length; i++)
        {
            var small = random.Next(3) > 0;
            var requests = small ? random.Next(0, 60) : random.Next(60, 200_000);
            var prompts = (long)(requests * random.NextDouble());
            var hours = new long[random.Next(10) == 0 ? 12 : 24];
            for (var h = 0; h < hours.Length; h++)
            {
                hours[h] = random.Next(2) == 0 ? 0 : random.Next(0, requests / 10 + 2);
            }

            var days = new long[random.Next(0, 40)];
            for (var d = 0; d < days.Length; d++)
            {
                days[d] = random.Next(4) == 0 ? 0 : random.Next(0, 30_000);
            }

            var traits = new PromptTraitCounts();
            foreach (var flag in Enum.GetValues<PromptTraits>().Where(flag => flag != 0 && (((uint)flag) & ((uint)flag - 1)) == 0))
            {
                traits.Set(flag, random.Next(3) == 0 ? 0 : (long)(prompts * random.NextDouble() * 0.7));
            }

            var domain = domains[random.Next(domains.Length)];
            var first = Archetypes.Start.AddHours(random.Next(0, 24 * 20));
            profiles[i] = new AccountProfile
            {
                AccountId = $"acct-{i}",
                Tier = (AccountTier)random.Next(0, 6),
                Verification = (VerificationLevel)random.Next(0, 4),
                EmailDomain = domain,
                IsDisposableDomain = domain == "mailinator.com",
                IsRareDomain = domain == "kestrel-research.ai",
                CreatedAt = random.Next(8) == 0 ? null : first.AddDays(-random.Next(0, 400)).AddMinutes(-random.Next(0, 1440)),
                FirstRequestAt = random.Next(12) == 0 ? null : first,
                LastRequestAt = first.AddDays(days.Length),
                RequestCount = requests,
                InputTokens = random.Next(12) == 0 ? 0 : requests * (long)random.Next(50, 3000),
                OutputTokens = requests * (long)random.Next(10, 20_000),
                HourOfDayCounts = hours,
                DailyCounts = days,
                InterArrival = new InterArrivalStats(small ? random.Next(0, 150) : random.Next(0, requests), random.NextDouble() * 600, random.NextDouble() * 2),
                PromptCount = prompts,
                TraitCounts = traits,
                TemplateConcentration = random.NextDouble(),
                ToolUseRequests = (long)(requests * random.NextDouble()),
                ReleaseWindows = [.. Enumerable.Range(0, random.Next(0, 4)).Select(_ => Window(random))],
                HoneypotHits = random.Next(20) == 0 ? random.Next(1, 4) : 0,
            };
        }

        return profiles;
    }

    private static ReleaseWindowTraffic Window(Random random)
    {
        var all = random.Next(0, 400);
        return new ReleaseWindowTraffic(Models[random.Next(Models.Length)], (long)(all * random.NextDouble()), all);
    }

    private static string Digest(IEnumerable<AccountRisk> risks)
    {
        var text = new StringBuilder();
        foreach (var risk in risks)
        {
            text.Append(CultureInfo.InvariantCulture, $"{risk.AccountId}|{Bits(risk.Score)}|{risk.Flagged}|{string.Join(',', risk.CorroboratingFamilies)}\n");
            foreach (var s in risk.Signals)
            {
                text.Append(CultureInfo.InvariantCulture, $" {s.Name}|{s.Family}|{Bits(s.Value)}|{Bits(s.Contribution)}|{Bits(s.Max)}|{s.Evidence}\n");
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Bits(double value) => BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);
}

using System.Text.Json;
using InvestigationConsole.Application.Evaluation;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Tests.Simulation;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Risk;

namespace InvestigationConsole.Application.Tests.Scoring;

public sealed class DetectionWriteBuilderTests(SmallScenario scenario) : IClassFixture<SmallScenario>
{
    [Fact]
    public void Build_GeneratedScenario_KeepsTheLinksAndEvidenceTextOfTheStraightforwardWay()
    {
        var (result, _, population, settings) = Detect();

        var write = DetectionWriteBuilder.Build(result, population, new Dictionary<int, PreviousScore>(), settings, 1, "test", DateTimeOffset.UnixEpoch);

        var expected = ReferenceKeptLinks(result.Graph, settings.Clustering.StrongLinkWeight);
        Assert.True(expected.Count(l => l.Weight < settings.Clustering.StrongLinkWeight) > 10, "the scenario should have weak links to choose from");
        Assert.Equal(expected, DetectionWriteBuilder.KeptLinks(result.Graph, settings.Clustering.StrongLinkWeight));
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.Equal(
            expected.Select(l => JsonSerializer.Serialize(l.Evidence.Select(e => new { type = e.Type.ToString(), weight = Math.Round(e.Weight, 3), shared = e.Shared, attribute = e.Attribute }), web)),
            write.Links.Select(l => l.EvidenceJson));
    }

    [Fact]
    public void Build_SameResultAgain_WritesNoScoreRowAndTheFirstRowsHoldTheSignalsAsRowsAsJsonSerializerWritesThem()
    {
        var (result, accounts, population, settings) = Detect();

        var first = DetectionWriteBuilder.Build(result, population, new Dictionary<int, PreviousScore>(), settings, 1, "test", DateTimeOffset.UnixEpoch);
        Assert.Equal(accounts.Length, first.Scores.Count);
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var clusterIds = first.Members.ToDictionary(m => m.AccountKey, m => m.ClusterId);
        Assert.Contains(first.Scores, row => row.ClusterId is not null && row.SignalsJson.Contains($" cluster {row.ClusterId} (", StringComparison.Ordinal));
        Assert.All(first.Scores, row =>
        {
            var i = row.AccountKey - 1;
            var index = result.Clustering.ClusterOfAccount[i];
            Assert.Equal(clusterIds.GetValueOrDefault(row.AccountKey), row.ClusterId);
            Assert.Equal(
                JsonSerializer.Serialize(result.Risks[i].Signals.Select(s => new object[]
                {
                    s.Name, s.Family.ToString(), Math.Round(s.Value, 3), Math.Round(s.Contribution, 2), s.Max,
                    row.ClusterId is not null && s.Name == RiskScorer.CoordinationSignalName
                        ? s.Evidence.Replace($" cluster {index} (", $" cluster {row.ClusterId} (", StringComparison.Ordinal)
                        : s.Evidence,
                }), web),
                row.SignalsJson);
        });

        var stored = first.Scores.ToDictionary(r => r.AccountKey, r => new PreviousScore(r.Score, r.Flagged, r.FirstFlaggedAt, r.ContentHash));
        var again = DetectionWriteBuilder.Build(result, population, stored, settings, 2, "test", DateTimeOffset.UnixEpoch.AddHours(1));
        Assert.Empty(again.Scores);
        Assert.Empty(again.Changes);
    }

    [Fact]
    public void Build_WithTheLastBuildsHashes_WritesWhatABuildWithoutThemWrites()
    {
        var (result, accounts, population, settings) = Detect();
        var memory = new ScoreRowMemory();
        var first = DetectionWriteBuilder.Build(result, population, new Dictionary<int, PreviousScore>(), settings, 1, "test", DateTimeOffset.UnixEpoch, memory);
        Assert.Equal(accounts.Length, first.Scores.Count);

        // Stored rows as the first build wrote them, except one stored differently and one account not stored at all; and
        // one account's risk replaced by an equal copy of another score (a new object: hashed again).
        var stored = first.Scores.ToDictionary(r => r.AccountKey, r => new PreviousScore(r.Score, r.Flagged, r.FirstFlaggedAt, r.ContentHash));
        var (differs, missing, rescored) = (first.Scores[0].AccountKey, first.Scores[1].AccountKey, 2);
        stored[differs] = stored[differs] with { ContentHash = stored[differs].ContentHash ^ 1 };
        stored.Remove(missing);
        var risks = result.Risks.ToArray();
        risks[rescored] = risks[rescored] with { Score = risks[rescored].Score + 1 };
        var changed = result with { Risks = risks };
        var at = DateTimeOffset.UnixEpoch.AddHours(1);

        var withMemory = DetectionWriteBuilder.Build(changed, population, stored, settings, 2, "test", at, memory);
        var without = DetectionWriteBuilder.Build(changed, population, stored, settings, 2, "test", at);

        static string Row(AccountRiskScore r) => JsonSerializer.Serialize(r);
        Assert.Equal(without.Scores.Select(Row), withMemory.Scores.Select(Row));
        Assert.Equal(
            new[] { differs, missing, first.Scores[rescored].AccountKey }.Order(),
            withMemory.Scores.Select(r => r.AccountKey).Order());
        Assert.Equal(without.Changes.Select(c => (c.AccountKey, c.Score, c.Reason)), withMemory.Changes.Select(c => (c.AccountKey, c.Score, c.Reason)));

        // A third build after those rows were stored writes nothing, from the hashes kept or made.
        foreach (var row in withMemory.Scores)
        {
            stored[row.AccountKey] = new PreviousScore(row.Score, row.Flagged, row.FirstFlaggedAt, row.ContentHash);
        }

        Assert.Empty(DetectionWriteBuilder.Build(changed, population, stored, settings, 3, "test", at.AddHours(1), memory).Scores);
    }

    [Fact]
    public void Build_WithTheLastBuildsLinkTexts_TakesATextOnlyForTheVeryLinkItWasWrittenFor()
    {
        var (result, _, population, settings) = Detect();
        var memory = new LinkRowMemory();
        var none = new Dictionary<int, PreviousScore>();
        var first = DetectionWriteBuilder.Build(result, population, none, settings, 1, "test", DateTimeOffset.UnixEpoch, linkRows: memory);
        Assert.True(first.Links.Count > 10, "the scenario should keep links");

        // The same links again: every text is the one written before, not written again.
        var again = DetectionWriteBuilder.Build(result, population, none, settings, 2, "test", DateTimeOffset.UnixEpoch, linkRows: memory);
        Assert.All(first.Links.Zip(again.Links), pair => Assert.Same(pair.First.EvidenceJson, pair.Second.EvidenceJson));

        // Another detection of the same data: equal links, other objects; each text is written anew, the same as without memory.
        var (other, _, _, _) = Detect();
        var withMemory = DetectionWriteBuilder.Build(other, population, none, settings, 3, "test", DateTimeOffset.UnixEpoch, linkRows: memory);
        Assert.Equal(2, withMemory.LinkDelta!.SinceRun);
        Assert.Empty(withMemory.LinkDelta.Removed);
        Assert.Empty(withMemory.LinkDelta.Written);
        var without = DetectionWriteBuilder.Build(other, population, none, settings, 3, "test", DateTimeOffset.UnixEpoch);
        Assert.Equal(without.Links.Select(l => (l.AccountKey, l.OtherAccountKey, l.Weight, l.IsStrong, l.EvidenceJson)),
            withMemory.Links.Select(l => (l.AccountKey, l.OtherAccountKey, l.Weight, l.IsStrong, l.EvidenceJson)));
        Assert.All(again.Links.Zip(withMemory.Links), pair => Assert.NotSame(pair.First.EvidenceJson, pair.Second.EvidenceJson));

        // The links of other settings (other strong links, other weak ones kept) as changes to those rows: applied to them,
        // they give the new rows.
        var stricter = settings with { Clustering = settings.Clustering with { StrongLinkWeight = settings.Clustering.StrongLinkWeight * 1.5 } };
        var changed = DetectionWriteBuilder.Build(other, population, none, stricter, 4, "test", DateTimeOffset.UnixEpoch, linkRows: memory);
        var delta = Assert.IsType<LinkDelta>(changed.LinkDelta);
        Assert.Equal((3L, withMemory.Links.Count), (delta.SinceRun, delta.SinceCount));
        Assert.NotEmpty(delta.Removed);
        Assert.NotEmpty(delta.Written);
        var rows = withMemory.Links.ToDictionary(l => (l.AccountKey, l.OtherAccountKey));
        foreach (var pair in delta.Removed)
        {
            Assert.True(rows.Remove(pair));
        }

        foreach (var row in delta.Written)
        {
            Assert.True(rows.TryAdd((row.AccountKey, row.OtherAccountKey), row));
        }

        static (int, int, double, bool, string) Content(ClusterLink l) => (l.AccountKey, l.OtherAccountKey, l.Weight, l.IsStrong, l.EvidenceJson);
        Assert.Equal(changed.Links.Select(Content).Order(), rows.Values.Select(Content).Order());

        memory.Forget();
        Assert.Null(memory.Held);
    }

    [Fact]
    public void ContentHash_ChangesWithEveryValueAsWrittenAndOnlyWithThose()
    {
        var row = new AccountRiskScore { AccountKey = 7, Score = 81.5, Flagged = true, ScoreBeforeCluster = 60, ClusterId = "CL-a", TopSignals = "volume", CorroboratingFamilies = "Content;Behaviour" };
        RiskSignal[] signals =
        [
            new("volume", SignalFamily.Behaviour, 0.8123, 12.345, 20, "12,000 requests a day"),
            new("cot", SignalFamily.Content, 0.5, 8, 15, "half of the prompts ask for reasoning"),
        ];
        long Hash(params RiskSignal[] s) => ScoreRowHash.Of(row, s, signal => signal.Evidence);
        var original = Hash(signals);

        Assert.Equal(original, Hash(signals[0] with { Value = 0.81234 }, signals[1]));
        Assert.Equal(original, Hash(signals[0] with { Contribution = 12.3449 }, signals[1]));
        Assert.NotEqual(original, Hash(signals[0] with { Value = 0.8126 }, signals[1]));
        Assert.NotEqual(original, Hash(signals[0] with { Contribution = 12.36 }, signals[1]));
        Assert.NotEqual(original, Hash(signals[0] with { Max = 21 }, signals[1]));
        Assert.NotEqual(original, Hash(signals[0] with { Family = SignalFamily.Content }, signals[1]));
        Assert.NotEqual(original, Hash(signals[0] with { Name = "volume2" }, signals[1]));
        Assert.NotEqual(original, Hash(signals[0], signals[1] with { Evidence = "half of the prompts ask for reasoning." }));
        Assert.NotEqual(original, Hash(signals[0] with { Evidence = "12,000 requests a da" }, signals[1] with { Name = "ycot" }));
        Assert.NotEqual(original, Hash(signals[1], signals[0]));
        Assert.NotEqual(original, Hash(signals[0]));
        Assert.NotEqual(original, ScoreRowHash.Of(new AccountRiskScore
        {
            AccountKey = 7, Score = 81.5, Flagged = true, ScoreBeforeCluster = 60, ClusterId = "CL-b", TopSignals = "volume", CorroboratingFamilies = "Content;Behaviour",
        }, signals, signal => signal.Evidence));
        Assert.Equal(original, ScoreRowHash.Of(new AccountRiskScore
        {
            AccountKey = 7, Score = 81.5, Flagged = true, ScoreBeforeCluster = 60, ClusterId = "CL-a", TopSignals = "volume", CorroboratingFamilies = "Content;Behaviour",
            RunId = 99, ComputedAt = DateTimeOffset.UnixEpoch.AddDays(3),
        }, signals, signal => signal.Evidence));
    }

    /// <summary>The scenario's detection result, with its accounts keyed 1..n in export order.</summary>
    private (DetectionResult Result, Account[] Accounts, DetectionPopulation Population, DetectionSettings Settings) Detect()
    {
        var export = ExportReader.Read(scenario.Folder);
        var releases = ModelReleases.Infer(export.FirstSeenByModel, export.DataStart);
        var settings = DetectionSettings.Default;
        var result = DetectionEngine.Run(ExportEvaluation.Analyze(export, releases, settings), releases, settings);
        var accounts = export.Accounts.Select((a, i) => new Account { Key = i + 1, AccountId = a.AccountId }).ToArray();
        return (result, accounts, new DetectionPopulation(new DetectionInputs(accounts, []), settings, DateTimeOffset.UnixEpoch), settings);
    }

    /// <summary>The choice as first written: per account a list of its weak links, the lightest (first of equals) dropped past three.</summary>
    private static List<AccountLink> ReferenceKeptLinks(AccountLinkGraph graph, double strongWeight)
    {
        var best = new Dictionary<int, List<AccountLink>>();
        var kept = new HashSet<AccountLink>(ReferenceEqualityComparer.Instance);
        foreach (var link in graph.Links)
        {
            if (link.Weight >= strongWeight)
            {
                kept.Add(link);
                continue;
            }

            Offer(link.A, link);
            Offer(link.B, link);
        }

        foreach (var list in best.Values)
        {
            kept.UnionWith(list);
        }

        return graph.Links.Where(kept.Contains).ToList();

        void Offer(int account, AccountLink link)
        {
            if (!best.TryGetValue(account, out var list))
            {
                best[account] = list = [];
            }

            list.Add(link);
            if (list.Count > DetectionWriteBuilder.WeakLinksPerAccount)
            {
                list.Remove(list.MinBy(l => l.Weight)!);
            }
        }
    }
}

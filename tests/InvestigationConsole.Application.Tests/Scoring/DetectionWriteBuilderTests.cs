using System.Text.Json;
using InvestigationConsole.Application.Evaluation;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Tests.Simulation;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Domain.Accounts;

namespace InvestigationConsole.Application.Tests.Scoring;

public sealed class DetectionWriteBuilderTests(SmallScenario scenario) : IClassFixture<SmallScenario>
{
    [Fact]
    public void Build_GeneratedScenario_KeepsTheLinksAndEvidenceTextOfTheStraightforwardWay()
    {
        var export = ExportReader.Read(scenario.Folder);
        var releases = ModelReleases.Infer(export.FirstSeenByModel, export.DataStart);
        var settings = DetectionSettings.Default;
        var result = DetectionEngine.Run(ExportEvaluation.Analyze(export, releases, settings), releases, settings);
        var accounts = export.Accounts.Select((a, i) => new Account { Key = i + 1, AccountId = a.AccountId }).ToArray();
        var population = new DetectionPopulation(new DetectionInputs(accounts, []), settings, DateTimeOffset.UnixEpoch);

        var write = DetectionWriteBuilder.Build(result, population, new Dictionary<int, PreviousScore>(), settings, 1, "test", DateTimeOffset.UnixEpoch);

        var expected = ReferenceKeptLinks(result.Graph, settings.Clustering.StrongLinkWeight);
        Assert.True(expected.Count(l => l.Weight < settings.Clustering.StrongLinkWeight) > 10, "the scenario should have weak links to choose from");
        Assert.Equal(expected, DetectionWriteBuilder.KeptLinks(result.Graph, settings.Clustering.StrongLinkWeight));
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.Equal(
            expected.Select(l => JsonSerializer.Serialize(l.Evidence.Select(e => new { type = e.Type.ToString(), weight = Math.Round(e.Weight, 3), shared = e.Shared, attribute = e.Attribute }), web)),
            write.Links.Select(l => l.EvidenceJson));
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

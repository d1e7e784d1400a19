using System.Diagnostics;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Detection.Scoring.Signals;

namespace InvestigationConsole.Detection.Pipeline;

/// <summary>
/// The result of one detection run, by dense account index: each account's final risk (with cluster context),
/// the clusters, the link graph behind them and the population baseline the signals were judged against.
/// </summary>
public sealed record DetectionResult(
    IReadOnlyList<AccountRisk> Risks,
    IReadOnlyList<AccountRisk> RisksBeforeContext,
    Clustering Clustering,
    AccountLinkGraph Graph,
    PopulationBaseline Baseline)
{
    /// <summary>
    /// Seconds of the run's steps: <c>baseline</c>; <c>links</c> (the link graph) and <c>scores+links</c> (scoring, which
    /// runs beside it, to the end of both); <c>clusters</c>; <c>context</c> (cluster context folded into member scores).
    /// </summary>
    public IReadOnlyDictionary<string, double> Seconds { get; init; } = new Dictionary<string, double>();
}

/// <summary>
/// Scores an earlier run of the same settings gave, for an incremental run to keep: <see cref="Risks"/>[i] is the risk
/// before cluster context of the account at index i of the new run, when its profile is the very one scored then (null
/// otherwise), and <see cref="Baseline"/> the population baseline it was scored against.
/// </summary>
public sealed record EarlierScores(PopulationBaseline Baseline, IReadOnlyList<AccountRisk?> Risks);

/// <summary>
/// The whole-population stage of detection, after every account has been analysed: baseline, per-account
/// scores, links, clusters, and cluster context folded back into member scores. Pure and deterministic.
/// </summary>
public static class DetectionEngine
{
    /// <param name="earlier">
    /// Scores of an earlier run under the same settings: an account's score depends only on its profile and the baseline,
    /// so while the baseline is the same, an account whose profile is unchanged keeps its earlier score instead of being
    /// scored again (an incremental run rescoring only its touched accounts). Ignored when the baseline changed.
    /// </param>
    /// <param name="links">
    /// What the last run's link graph left, read and replaced by this run's (see <see cref="LinkMemory"/>): the same
    /// graph, with the links no changed account can reach taken from it. Null: the graph is built on its own.
    /// </param>
    /// <param name="clusters">
    /// What the last run's clustering left, read and replaced by this run's (see <see cref="ClusterMemory"/>): the same
    /// clusters, with networks numbered and unchanged clusters described once. Null: the clustering is made on its own.
    /// </param>
    public static DetectionResult Run(
        IReadOnlyList<AccountAnalysis> analyses, IReadOnlyList<ModelRelease> releases, DetectionSettings? settings = null, EarlierScores? earlier = null,
        LinkMemory? links = null, ClusterMemory? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        ArgumentNullException.ThrowIfNull(releases);
        settings ??= DetectionSettings.Default;
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        var lap = Stopwatch.StartNew();
        void Mark(string step)
        {
            seconds[step] = Math.Round(lap.Elapsed.TotalSeconds, 3);
            lap.Restart();
        }

        var profiles = analyses.Select(analysis => analysis.Profile).ToArray();
        var baseline = PopulationBaseline.From(profiles, releases, settings.Scoring.PivotMinRequests);
        var scorer = new RiskScorer(settings.Scoring, baseline);
        var individual = new AccountRisk[profiles.Length];
        var known = earlier is not null && earlier.Risks.Count == profiles.Length && earlier.Baseline.SameAs(baseline) ? earlier.Risks : null;
        var facts = analyses.Select(analysis => analysis.LinkFacts).ToArray();
        AccountLinkGraph? graph = null;

        // Scores and links do not depend on each other: scoring fills the cores while the last link types finish.
        Mark("baseline");
        double linking = 0;
        Parallel.Invoke(
            () => Parallel.For(0, profiles.Length, i => individual[i] = known?[i] ?? scorer.Score(profiles[i])),
            () =>
            {
                var watch = Stopwatch.StartNew();
                graph = AccountLinkGraph.Build(facts, settings.Linking, links);
                linking = Math.Round(watch.Elapsed.TotalSeconds, 3);
            });
        seconds["links"] = linking;
        Mark("scores+links");
        var weakness = individual.Select(risk => risk.Signals.FirstOrDefault(signal => signal.Name == IdentityStrengthSignal.SignalName)?.Value ?? 0).ToArray();
        var clustering = Clusterer.Cluster(graph!, individual.Select(risk => risk.Score).ToArray(), settings.Clustering, weakness,
            analyses.Select(analysis => analysis.LinkFacts.Prefixes).ToArray(), clusters);
        // A cluster's context (its description is built from its link types and attributes) is the same for every member.
        Mark("clusters");
        var contexts = clustering.Clusters.Select(cluster => cluster.ToContext()).ToArray();
        var final = new AccountRisk[individual.Length];
        Parallel.For(0, individual.Length, i =>
        {
            var cluster = clustering.ClusterOfAccount[i];
            final[i] = cluster < 0 ? individual[i] : scorer.ApplyClusterContext(individual[i], contexts[cluster]);
        });

        Mark("context");
        return new DetectionResult(final, individual, clustering, graph!, baseline) { Seconds = seconds };
    }
}

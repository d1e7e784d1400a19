using System.Globalization;
using InvestigationConsole.Application.Evaluation;
using InvestigationConsole.Application.Simulation;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// `quality --scenario demo --seed 3 [--seed 4 …] [--work DIR] [--keep]`: generates each export, runs detection through
/// <see cref="ExportEvaluation"/> and prints precision, recall, ROC AUC, campaign ARI, false flags by benign kind and misses.
/// </summary>
internal static class QualityRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = ScenarioNames.Demo;
        var seeds = new List<int>();
        string? work = null;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--scenario": scenario = args[++i]; break;
                case "--seed": seeds.Add(int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--work": work = args[++i]; break;
                case "--keep": keep = true; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        if (seeds.Count == 0)
        {
            seeds.Add(42);
        }

        foreach (var seed in seeds)
        {
            var directory = work is null ? Path.Combine(Path.GetTempPath(), $"ic-quality-{scenario}-{seed}") : Path.Combine(work, $"{scenario}-{seed}");
            if (!File.Exists(Path.Combine(directory, "truth.json")))
            {
                await new ScenarioGenerator().GenerateAsync(new ScenarioOptions
                {
                    ScenarioName = scenario,
                    Seed = seed,
                    OutputDirectory = directory,
                    End = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
                });
            }

            var report = ExportEvaluation.Evaluate(directory);
            Print(report);
            // Exports under the temp folder are kept so that reruns skip generation; under --work they go unless --keep.
            if (work is not null && !keep)
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        return 0;
    }

    public static void Print(ExportEvaluationReport r)
    {
        var c = r.Confusion;
        Console.WriteLine(FormattableString.Invariant(
            $"{r.Scenario} seed {r.Seed}: {r.Accounts} accounts, {r.Requests} requests | precision {c.Precision:0.000} recall {c.Recall:0.000} (tp {c.TruePositives} fp {c.FalsePositives} fn {c.FalseNegatives}) ROC AUC {r.RocAuc:0.000} ARI {r.CampaignAri:0.000} purity {r.CampaignClusterPurity:0.000} campaign clusters {r.CampaignClusters} (ARI over every cluster {r.AnyClusterAri:0.000})"));
        Console.WriteLine(FormattableString.Invariant($"  timing: read {r.ReadTime.TotalSeconds:0.0} s, analysis {r.AnalysisTime.TotalSeconds:0.00} s, engine {r.EngineTime.TotalSeconds:0.00} s"));
        foreach (var k in r.FalseFlagsByKind.Where(k => k.Flagged > 0))
        {
            Console.WriteLine($"  false flags {k.Kind}: {k.Flagged}/{k.Total}");
        }

        foreach (var campaign in r.Campaigns)
        {
            Console.WriteLine($"  campaign {campaign.Campaign}: flagged {campaign.Flagged}/{campaign.Accounts}, {campaign.Clusters} campaign clusters, largest {campaign.LargestClusterShare}");
        }

        foreach (var line in r.ScoresByLabel.Concat(r.ClusterLines))
        {
            Console.WriteLine($"  {line}");
        }

        foreach (var m in r.Missed.Take(6))
        {
            Console.WriteLine(FormattableString.Invariant($"  missed {m.Label} {m.AccountId} score {m.Score:0.0}: {string.Join("; ", m.TopSignals)}"));
        }

        foreach (var m in r.TopBenign)
        {
            Console.WriteLine(FormattableString.Invariant($"  top benign {m.Label} {m.AccountId} score {m.Score:0.0}: {string.Join("; ", m.TopSignals)}"));
        }
    }
}

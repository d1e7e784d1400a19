using InvestigationConsole.Application.Evaluation;
using InvestigationConsole.Application.Simulation;

namespace InvestigationConsole.Application.Tests.Evaluation;

/// <summary>
/// Issue 4's quality targets, end to end from a generated export through the production features and detection
/// pipeline: several seeds of the small scenarios. Demo-scale figures come from the benchmark's `quality` command
/// (docs/detection.md).
/// </summary>
public sealed class DetectionQualityTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ScenarioNames.Small, 11)]
    [InlineData(ScenarioNames.Small, 12)]
    [InlineData(ScenarioNames.Small, 13)]
    [InlineData(ScenarioNames.HydraOnly, 11)]
    [InlineData(ScenarioNames.HydraOnly, 12)]
    [InlineData(ScenarioNames.HydraOnly, 13)]
    [InlineData(ScenarioNames.BenignOnly, 11)]
    [InlineData(ScenarioNames.BenignOnly, 12)]
    [InlineData(ScenarioNames.BenignOnly, 13)]
    public async Task Detection_OnGeneratedExport_MeetsQualityTargets(string scenario, int seed)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ic-quality-test-{scenario}-{seed}-{Guid.NewGuid():N}");
        try
        {
            await new ScenarioGenerator().GenerateAsync(new ScenarioOptions { ScenarioName = scenario, Seed = seed, OutputDirectory = folder, End = End });

            var report = ExportEvaluation.Evaluate(folder);

            Assert.True(report.Confusion.Precision >= 0.99, $"precision {report.Confusion.Precision:0.000}");
            Assert.True(report.Confusion.Recall >= 0.97, $"recall {report.Confusion.Recall:0.000}");
            Assert.DoesNotContain(report.FalseFlagsByKind, k => k.Flagged > 0 && k.Kind is "eval_runner" or "enterprise" or "coding_agent_product");
            if (scenario != ScenarioNames.BenignOnly)
            {
                Assert.True(report.CampaignAri >= 0.90, $"campaign ARI {report.CampaignAri:0.000}");
                Assert.True(report.RocAuc >= 0.95, $"ROC AUC {report.RocAuc:0.000}");
            }
            else
            {
                Assert.Equal(0, report.Confusion.FalsePositives);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

using System.Text.Json;
using InvestigationConsole.Application.Simulation;

namespace InvestigationConsole.Application.Tests.Simulation;

public sealed class ScenarioGeneratorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ic-sim-generator-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Generate_UnknownScenario_ThrowsNamingTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => new ScenarioGenerator().GenerateAsync(Options("huge")));
        Assert.Contains(ScenarioNames.Demo, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_ReportsProgress_UpToEveryLineAndFile()
    {
        var reports = new List<ScenarioProgress>();
        var summary = await new ScenarioGenerator().GenerateAsync(Options(ScenarioNames.Small), new SynchronousProgress(reports.Add));

        Assert.Equal("done", reports[^1].Stage);
        Assert.Equal(summary.Requests, reports[^1].LinesWritten);
        Assert.Equal(summary.Files.Count, reports[^1].FilesWritten);
        Assert.Equal(reports.Select(r => r.LinesWritten).Order(), reports.Select(r => r.LinesWritten));
        Assert.Contains(reports, r => r.CurrentFile?.StartsWith("requests-", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Generate_Cancelled_StopsWithOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.DaysDone >= 2)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new ScenarioGenerator().GenerateAsync(Options(ScenarioNames.Small), progress, cancellation.Token));
        Assert.False(File.Exists(Path.Combine(_folder, "truth.json")));
    }

    [Fact]
    public async Task Generate_BenignOnly_HasNoCampaign()
    {
        var summary = await new ScenarioGenerator().GenerateAsync(Options(ScenarioNames.BenignOnly));

        Assert.Equal(0, summary.CampaignAccounts);
        Assert.Equal(0, summary.CampaignRequests);
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "truth.json")));
        Assert.Equal(0, truth.RootElement.GetProperty("campaigns").GetArrayLength());
        Assert.All(truth.RootElement.GetProperty("accounts").EnumerateObject(), a => Assert.Equal("benign", a.Value.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Generate_Demo_HasTheAdvertisedSize()
    {
        var summary = await new ScenarioGenerator().GenerateAsync(Options(ScenarioNames.Demo));

        Assert.InRange(summary.Accounts, 4_000, 6_000);
        Assert.InRange(summary.Requests, 250_000, 400_000);
        Assert.InRange(summary.CampaignAccounts, 500, 1_000);
        Assert.Equal(21 + 2, summary.Files.Count);
        Assert.InRange(summary.CampaignRequests / (double)summary.Requests, 0.2, 0.5);
    }

    private ScenarioOptions Options(string scenario) =>
        new() { ScenarioName = scenario, Seed = 42, OutputDirectory = _folder, End = GeneratedScenario.End };

    /// <summary>Records reports on the generator's thread, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
    private sealed class SynchronousProgress(Action<ScenarioProgress> report) : IProgress<ScenarioProgress>
    {
        public void Report(ScenarioProgress value) => report(value);
    }
}

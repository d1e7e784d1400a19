using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Simulation;
using InvestigationConsole.Application.Tests.Support;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>The <c>small</c> scenario generated and ingested with the real ingestion into one SQLite file, shared by a test class.</summary>
public sealed class IngestedScenario : IAsyncLifetime
{
    internal TestHost Host { get; private set; } = null!;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"ic-scoring-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync();
        await new ScenarioGenerator().GenerateAsync(new ScenarioOptions
        {
            ScenarioName = ScenarioNames.Small, Seed = 7, OutputDirectory = Folder, End = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        });
        var ledger = Host.Services.GetRequiredService<IngestLedger>();
        var runner = Host.Services.GetRequiredService<IngestionRunner>();
        var files = Directory.GetFiles(Folder, "accounts*.jsonl").Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(Folder, "requests*.jsonl").Order(StringComparer.Ordinal));
        foreach (var path in files)
        {
            var (file, _) = await ledger.RegisterAsync(path, "test", default);
            await runner.RunAsync(file.Id, null, default);
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

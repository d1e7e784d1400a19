using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Simulation;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Investigation;

/// <summary>The generated <c>small</c> scenario, ingested once by the real ingestion into a real SQLite file.</summary>
public sealed class IngestedScenario : IAsyncLifetime
{
    private readonly string _export = Path.Combine(Path.GetTempPath(), $"ic-investigation-{Guid.NewGuid():N}");

    internal TestHost Host { get; private set; } = null!;

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task<T> QueryAsync<T>(Func<InvestigationConsoleDbContext, Task<T>> query) =>
        await Host.InScopeAsync(s => query(s.GetRequiredService<InvestigationConsoleDbContext>()));

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync();
        await new ScenarioGenerator().GenerateAsync(new ScenarioOptions
        {
            ScenarioName = ScenarioNames.Small,
            Seed = 7,
            OutputDirectory = _export,
            End = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        });
        var files = Directory.GetFiles(_export, "accounts*.jsonl").Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(_export, "requests*.jsonl").Order(StringComparer.Ordinal));
        foreach (var path in files)
        {
            var (file, _) = await Get<IngestLedger>().RegisterAsync(path, "test", default);
            await Get<IngestionRunner>().RunAsync(file.Id, null, default);
        }
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_export, recursive: true);
    }
}

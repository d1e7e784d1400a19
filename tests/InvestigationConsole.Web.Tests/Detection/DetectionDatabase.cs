using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace InvestigationConsole.Web.Tests.Detection;

/// <summary>The real infrastructure over a fresh SQLite file, without a job server: enqueued runs are recorded instead.</summary>
public sealed class DetectionDatabase : IAsyncLifetime
{
    private IHost? _host;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "ic-web-detection", Guid.NewGuid().ToString("n"));

    public RecordingDetectionQueue Jobs { get; } = new();

    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("Not started.")).Services;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Development,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Storage:DataFolder"] = DataFolder,
        });
        builder.AddInfrastructure();
        builder.Services.AddScoped<IDetectionJobQueue>(_ => Jobs);
        _host = builder.Build();
        await _host.Services.InitializeDatabaseAsync();
    }

    /// <summary>A scoped service of the database's container, from a scope left to the test's end.</summary>
    public T Scoped<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public Task DisposeAsync()
    {
        _host?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner if a file is still held.
        }

        return Task.CompletedTask;
    }
}

public sealed class RecordingDetectionQueue : IDetectionJobQueue
{
    private readonly List<long> _runs = [];

    public IReadOnlyList<long> Runs
    {
        get
        {
            lock (_runs)
            {
                return [.. _runs];
            }
        }
    }

    public void EnqueueRun(long runId)
    {
        lock (_runs)
        {
            _runs.Add(runId);
        }
    }
}

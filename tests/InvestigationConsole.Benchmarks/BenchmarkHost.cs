using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InvestigationConsole.Benchmarks;

/// <summary>The production infrastructure over a fresh SQLite database in a data folder, migrated, as the CLI starts it.</summary>
internal static class BenchmarkHost
{
    public static async Task<IHost> StartAsync(string dataFolder, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Storage:DataFolder"] = dataFolder,
        });
        builder.Configuration.AddEnvironmentVariables(); // Ingest__BatchSize and friends, as for the CLI
        builder.Logging.ClearProviders();
        builder.AddInfrastructure();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.Services.InitializeDatabaseAsync();
        return host;
    }

    /// <summary>Wraps the registered ingest store so the time spent in each of its calls is measured.</summary>
    public static void TimeIngestStore(IServiceCollection services, TimedIngestStore.Clock clock)
    {
        var registered = services.Single(s => s.ServiceType == typeof(IIngestStore));
        services.Remove(registered);
        services.AddSingleton<IIngestStore>(sp => new TimedIngestStore(
            (IIngestStore)(registered.ImplementationInstance ?? registered.ImplementationFactory!(sp)), clock));
    }
}

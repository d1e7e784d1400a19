using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Infrastructure.Jobs;

internal static class BackgroundJobStorage
{
    /// <summary>
    /// Hangfire storage follows the database provider. SQL Server keeps queued jobs in its own tables. The embedded
    /// default keeps the queue in memory: every job's durable state lives in our own tables, and
    /// <see cref="WorkRecoveryService"/> re-discovers unfinished work on start (docs/decisions/ADR-002).
    /// </summary>
    public static IServiceCollection AddBackgroundJobStorage(this IServiceCollection services, DatabaseSettings settings)
    {
        // Each host owns its storage, registered before AddHangfire (whose own registration only fills a gap). Hangfire
        // would otherwise hand every host in the process the static JobStorage.Current, which the last host to start
        // overwrites and disposes when it stops: the test hosts, started side by side, broke each other's dashboards.
        services.AddSingleton<JobStorage>(_ => settings.Provider == DatabaseProvider.SqlServer
            ? new SqlServerStorage(settings.ConnectionString, new SqlServerStorageOptions
            {
                SchemaName = "HangFire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.Zero,
                SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
                DisableGlobalLocks = true,
            })
            : new InMemoryStorage(new InMemoryStorageOptions()));
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        return services;
    }
}

using Hangfire;
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
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (settings.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(settings.ConnectionString, new SqlServerStorageOptions
                {
                    SchemaName = "HangFire",
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.Zero,
                    SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
                    DisableGlobalLocks = true,
                });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        return services;
    }
}

using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Jobs;
using InvestigationConsole.Application.Simulation;
using InvestigationConsole.Infrastructure.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

internal static class IngestionRegistration
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration, DatabaseSettings settings)
    {
        services.Configure<IngestOptions>(configuration.GetSection(IngestOptions.Section));
        services.AddSingleton(sp => new IngestFolders(settings.DataFolder, sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        services.AddSingleton<IIngestStore>(sp => settings.Provider == DatabaseProvider.SqlServer
            ? new SqlServerIngestStore(settings)
            : new SqliteIngestStore(settings, sp.GetRequiredService<IOptions<IngestOptions>>().Value));
        services.AddSingleton<IngestProgressBoard>();
        services.AddSingleton<IngestLedger>();
        services.AddSingleton<RequestKeySet>();
        services.AddSingleton<IngestionRunner>();
        services.AddSingleton<EvidenceRetention>();
        services.AddScoped<DropFolderScan>();
        services.AddScoped<DemoScenarioSeed>();
        services.AddScoped<IngestionJobs>();
        services.AddScoped<IIngestJobQueue, HangfireIngestJobQueue>();
        services.AddScoped<IRecoverableWork, IngestRecovery>();
        return services;
    }
}

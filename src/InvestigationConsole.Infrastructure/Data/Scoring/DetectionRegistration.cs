using InvestigationConsole.Application.Jobs;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

internal static class DetectionRegistration
{
    public static IServiceCollection AddDetection(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton<IDetectionStore>(settings.Provider == DatabaseProvider.SqlServer
            ? new SqlServerDetectionStore(settings)
            : new SqliteDetectionStore(settings));
        services.AddSingleton<DetectionProgressBoard>();
        services.AddSingleton<ResidentAnalyses>();
        services.AddScoped<DetectionSettingsCatalog>();
        services.AddOptions<DetectionRunOptions>().BindConfiguration(DetectionRunOptions.Section);
        services.AddScoped<DetectionRecompute>();
        services.AddScoped<DetectionBacktest>();
        services.AddSingleton<DetectionRunHistory>();
        services.AddSingleton<AccountRiskExport>();
        services.AddSingleton<DetectionEvaluation>();
        services.AddScoped<DetectionScheduler>();
        services.AddScoped<DetectionJobs>();
        services.AddScoped<IDetectionJobQueue, HangfireDetectionJobQueue>();
        services.AddScoped<IRecoverableWork, DetectionRecovery>();
        return services;
    }
}

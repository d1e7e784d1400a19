using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Clusters;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Ingestion.Queries;
using InvestigationConsole.Application.Triage;
using InvestigationConsole.Application.Investigation;
using InvestigationConsole.Application.Users;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Application;

public static class DependencyInjection
{
    /// <summary>Registers the use cases; Infrastructure supplies the ports they need.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<DerivedFigures>();
        services.AddScoped<UserAdministration>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<IngestHistory>();
        services.AddSingleton<QuarantineReview>();
        services.AddScoped<AccountClaims>();
        services.AddScoped<AccountDismissals>();
        services.AddSingleton<TriageQueue>();
        services.AddSingleton<SavedQueueViews>();
        services.AddSingleton<TriageDashboard>();
        services.AddSingleton<AccountRiskQuery>();
        services.AddSingleton<AccountSearch>();
        services.AddSingleton<AccountDossierQuery>();
        services.AddSingleton<AccountActivityQuery>();
        services.AddSingleton<SharedAttributesQuery>();
        services.AddSingleton<EvidenceSamplesQuery>();
        services.AddSingleton<ClusterDossier>();
        services.AddSingleton<FigureWarmer>();
        services.AddScoped<Scoring.HoneypotCanaries>();
        services.AddScoped<ClusterClaims>();
        return services;
    }
}

using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Domain.Triage;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Common;

/// <summary>The tables the use cases read and write through EF Core (bulk paths have their own writers).</summary>
public interface IConsoleDbContext : IAsyncDisposable, IDisposable
{
    DbSet<AuditEntry> AuditEntries { get; }

    DbSet<Account> Accounts { get; }

    DbSet<ApiRequest> Requests { get; }

    DbSet<LookupValue> LookupValues { get; }

    DbSet<AccountActivityHour> ActivityHours { get; }

    DbSet<AccountAddress> AccountAddresses { get; }

    DbSet<PromptSample> PromptSamples { get; }

    DbSet<IngestFile> IngestFiles { get; }

    DbSet<QuarantinedLine> QuarantinedLines { get; }

    DbSet<AccountReview> AccountReviews { get; }

    DbSet<SavedQueueView> SavedQueueViews { get; }

    DbSet<AccountRiskScore> AccountRiskScores { get; }

    DbSet<AccountScoreChange> AccountScoreChanges { get; }

    DbSet<DetectionRun> DetectionRuns { get; }

    DbSet<DetectionSettingsVersion> DetectionSettingsVersions { get; }

    DbSet<HoneypotCanary> HoneypotCanaries { get; }

    DbSet<AccountAnalysisSnapshot> AccountAnalyses { get; }
    DbSet<AccountAnalysisState> AccountAnalysisStates { get; }

    DbSet<Cluster> Clusters { get; }

    DbSet<ClusterMember> ClusterMembers { get; }

    DbSet<ClusterLink> ClusterLinks { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>A short-lived context per operation: Blazor Server circuits must never share one across requests.</summary>
public interface IConsoleDbContextFactory
{
    IConsoleDbContext Create();
}

using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Domain.Triage;
using InvestigationConsole.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Infrastructure.Data;

public class InvestigationConsoleDbContext(DbContextOptions<InvestigationConsoleDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IConsoleDbContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ApiRequest> Requests => Set<ApiRequest>();

    public DbSet<LookupValue> LookupValues => Set<LookupValue>();

    public DbSet<AccountActivityHour> ActivityHours => Set<AccountActivityHour>();

    public DbSet<AccountAddress> AccountAddresses => Set<AccountAddress>();

    public DbSet<PromptSample> PromptSamples => Set<PromptSample>();

    public DbSet<IngestFile> IngestFiles => Set<IngestFile>();

    public DbSet<QuarantinedLine> QuarantinedLines => Set<QuarantinedLine>();

    public DbSet<AccountReview> AccountReviews => Set<AccountReview>();

    public DbSet<SavedQueueView> SavedQueueViews => Set<SavedQueueView>();

    public DbSet<AccountRiskScore> AccountRiskScores => Set<AccountRiskScore>();

    public DbSet<AccountScoreChange> AccountScoreChanges => Set<AccountScoreChange>();

    public DbSet<DetectionRun> DetectionRuns => Set<DetectionRun>();

    public DbSet<DetectionSettingsVersion> DetectionSettingsVersions => Set<DetectionSettingsVersion>();
    public DbSet<HoneypotCanary> HoneypotCanaries => Set<HoneypotCanary>();

    public DbSet<AccountAnalysisSnapshot> AccountAnalyses => Set<AccountAnalysisSnapshot>();
    public DbSet<AccountAnalysisState> AccountAnalysisStates => Set<AccountAnalysisState>();

    public DbSet<Cluster> Clusters => Set<Cluster>();

    public DbSet<ClusterMember> ClusterMembers => Set<ClusterMember>();

    public DbSet<ClusterLink> ClusterLinks => Set<ClusterLink>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(InvestigationConsoleDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; UTC ticks sort and compare on both providers.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }
}

using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestigationConsole.Infrastructure.Data.Configurations;

internal sealed class AccountRiskScoreConfiguration : IEntityTypeConfiguration<AccountRiskScore>
{
    public void Configure(EntityTypeBuilder<AccountRiskScore> builder)
    {
        builder.ToTable("AccountRiskScores");
        builder.HasKey(r => r.AccountKey);
        builder.Property(r => r.AccountKey).ValueGeneratedNever();
        builder.Property(r => r.ClusterId).HasMaxLength(80);
        builder.Property(r => r.TopSignals).HasMaxLength(400).IsRequired();
        builder.Property(r => r.SignalsJson).IsRequired();
        builder.Property(r => r.CorroboratingFamilies).HasMaxLength(100).IsRequired();

        // The triage queue: flagged accounts, riskiest first; and every account by score.
        // FirstFlaggedAt rides along so that the queue's due times (computed from it) are read from the index alone.
        builder.HasIndex(r => new { r.Flagged, r.Score, r.FirstFlaggedAt }).IsDescending(false, true, false);
        builder.HasIndex(r => r.ClusterId);
    }
}

internal sealed class AccountScoreChangeConfiguration : IEntityTypeConfiguration<AccountScoreChange>
{
    public void Configure(EntityTypeBuilder<AccountScoreChange> builder)
    {
        builder.ToTable("AccountScoreChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reason).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.AccountKey, c.At });
        builder.HasIndex(c => c.RunId);
    }
}

internal sealed class DetectionRunConfiguration : IEntityTypeConfiguration<DetectionRun>
{
    public void Configure(EntityTypeBuilder<DetectionRun> builder)
    {
        builder.ToTable("DetectionRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Trigger).HasMaxLength(128).IsRequired();
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.Property(r => r.PhaseTimingsJson).HasMaxLength(1000);
        builder.HasIndex(r => r.Status);
    }
}

internal sealed class DetectionSettingsVersionConfiguration : IEntityTypeConfiguration<DetectionSettingsVersion>
{
    public void Configure(EntityTypeBuilder<DetectionSettingsVersion> builder)
    {
        builder.ToTable("DetectionSettingsVersions");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Json).IsRequired();
        builder.Property(v => v.CreatedBy).HasMaxLength(256).IsRequired();
        builder.Property(v => v.Note).HasMaxLength(1000).IsRequired();
    }
}

internal sealed class AccountAnalysisSnapshotConfiguration : IEntityTypeConfiguration<AccountAnalysisSnapshot>
{
    public void Configure(EntityTypeBuilder<AccountAnalysisSnapshot> builder)
    {
        builder.ToTable("AccountAnalyses");
        builder.HasKey(a => a.AccountKey);
        builder.Property(a => a.AccountKey).ValueGeneratedNever();
        builder.Property(a => a.Data).IsRequired();
    }
}

internal sealed class AccountAnalysisStateConfiguration : IEntityTypeConfiguration<AccountAnalysisState>
{
    public void Configure(EntityTypeBuilder<AccountAnalysisState> builder)
    {
        builder.ToTable("AccountAnalysisStates");
        builder.HasKey(a => a.AccountKey);
        builder.Property(a => a.AccountKey).ValueGeneratedNever();
        builder.Property(a => a.Data).IsRequired();
    }
}

internal sealed class HoneypotCanaryConfiguration : IEntityTypeConfiguration<HoneypotCanary>
{
    public void Configure(EntityTypeBuilder<HoneypotCanary> builder)
    {
        builder.ToTable("HoneypotCanaries");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Text).HasMaxLength(HoneypotCanary.MaxLength).IsRequired();
        builder.Property(c => c.Note).HasMaxLength(500).IsRequired();
        builder.Property(c => c.AddedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.RetiredBy).HasMaxLength(256);
        builder.Ignore(c => c.IsActive);
    }
}

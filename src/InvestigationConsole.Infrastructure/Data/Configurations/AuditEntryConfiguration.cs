using InvestigationConsole.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestigationConsole.Infrastructure.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(64).IsRequired();
        builder.Property(e => e.SubjectType).HasMaxLength(64).IsRequired();
        builder.Property(e => e.SubjectId).HasMaxLength(128).IsRequired();
        builder.Property(e => e.Details).HasMaxLength(4000);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId });
    }
}

using InvestigationConsole.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestigationConsole.Infrastructure.Data.Configurations;

internal sealed class IngestFileConfiguration : IEntityTypeConfiguration<IngestFile>
{
    public void Configure(EntityTypeBuilder<IngestFile> builder)
    {
        builder.ToTable("IngestFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.FileName).HasMaxLength(260).IsRequired();
        builder.Property(f => f.Path).HasMaxLength(1024).IsRequired();
        builder.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(f => f.Source).HasMaxLength(32).IsRequired();
        builder.Property(f => f.Error).HasMaxLength(4000);
        builder.HasIndex(f => f.Sha256).IsUnique();
        builder.HasIndex(f => f.Status);
    }
}

internal sealed class QuarantinedLineConfiguration : IEntityTypeConfiguration<QuarantinedLine>
{
    public void Configure(EntityTypeBuilder<QuarantinedLine> builder)
    {
        builder.ToTable("QuarantinedLines");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Reason).HasMaxLength(32).IsRequired();
        builder.Property(q => q.Field).HasMaxLength(64);
        builder.Property(q => q.Message).HasMaxLength(512).IsRequired();
        builder.Property(q => q.RawText).HasMaxLength(4096).IsRequired();
        builder.HasIndex(q => new { q.FileId, q.LineNumber }).IsUnique();
        builder.HasIndex(q => q.Reason);
    }
}

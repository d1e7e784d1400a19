using InvestigationConsole.Domain.Clusters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestigationConsole.Infrastructure.Data.Configurations;

internal sealed class ClusterConfiguration : IEntityTypeConfiguration<Cluster>
{
    public void Configure(EntityTypeBuilder<Cluster> builder)
    {
        builder.ToTable("Clusters");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(80);
        builder.Property(c => c.DominantLinkTypes).HasMaxLength(400).IsRequired();
        builder.Property(c => c.SharedAttributesJson).HasMaxLength(4000).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(1000).IsRequired();
        builder.HasIndex(c => new { c.IsCampaign, c.Risk }).IsDescending(false, true);
    }
}

internal sealed class ClusterMemberConfiguration : IEntityTypeConfiguration<ClusterMember>
{
    public void Configure(EntityTypeBuilder<ClusterMember> builder)
    {
        builder.ToTable("ClusterMembers");
        builder.HasKey(m => m.AccountKey);
        builder.Property(m => m.AccountKey).ValueGeneratedNever();
        builder.Property(m => m.ClusterId).HasMaxLength(80).IsRequired();
        builder.HasIndex(m => m.ClusterId);
    }
}

internal sealed class ClusterLinkConfiguration : IEntityTypeConfiguration<ClusterLink>
{
    public void Configure(EntityTypeBuilder<ClusterLink> builder)
    {
        builder.ToTable("ClusterLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.EvidenceJson).HasMaxLength(4000).IsRequired();

        // An account's links are found from either end.
        builder.HasIndex(l => new { l.AccountKey, l.Weight });
        builder.HasIndex(l => new { l.OtherAccountKey, l.Weight });
    }
}

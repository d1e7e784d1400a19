using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestigationConsole.Infrastructure.Data.Configurations;

internal sealed class AccountReviewConfiguration : IEntityTypeConfiguration<AccountReview>
{
    public void Configure(EntityTypeBuilder<AccountReview> builder)
    {
        builder.ToTable("AccountReviews");
        builder.HasKey(r => r.AccountKey);
        builder.Property(r => r.AccountKey).ValueGeneratedNever();
        builder.HasOne<Account>().WithOne().HasForeignKey<AccountReview>(r => r.AccountKey).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.ClaimedBy).HasMaxLength(256);
        builder.Property(r => r.AssignedBy).HasMaxLength(256);
        builder.Property(r => r.DismissedBy).HasMaxLength(256);
        builder.Property(r => r.DismissalReason).HasMaxLength(2000);
        builder.HasIndex(r => new { r.ClaimedBy, r.ClaimExpiresAt });
    }
}

internal sealed class SavedQueueViewConfiguration : IEntityTypeConfiguration<SavedQueueView>
{
    public void Configure(EntityTypeBuilder<SavedQueueView> builder)
    {
        builder.ToTable("SavedQueueViews");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Owner).HasMaxLength(256).IsRequired();
        builder.Property(v => v.Name).HasMaxLength(100).IsRequired();
        builder.Property(v => v.FilterJson).IsRequired();
        builder.HasIndex(v => new { v.Owner, v.Name }).IsUnique();
    }
}

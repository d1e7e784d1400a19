using InvestigationConsole.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestigationConsole.Infrastructure.Data.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("Accounts");
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).ValueGeneratedNever(); // assigned by ingestion, which is the only writer
        builder.Property(a => a.AccountId).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => a.AccountId).IsUnique();
        builder.Property(a => a.OrgId).HasMaxLength(64);
        builder.Property(a => a.EmailDomain).HasMaxLength(253);
        builder.Property(a => a.EmailLocalSha256).HasMaxLength(64);
        builder.Property(a => a.PaymentFingerprint).HasMaxLength(128);
        builder.Property(a => a.BillingCountry).HasMaxLength(2);
        builder.Property(a => a.SignupIp).HasMaxLength(45);
        builder.Property(a => a.SignupPrefix).HasMaxLength(49);
        builder.HasIndex(a => a.OrgId);
        builder.HasIndex(a => a.PaymentFingerprint);
        builder.HasIndex(a => a.SignupPrefix);
    }
}

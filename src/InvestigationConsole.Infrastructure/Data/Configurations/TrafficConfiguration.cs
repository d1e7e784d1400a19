using InvestigationConsole.Domain.Traffic;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestigationConsole.Infrastructure.Data.Configurations;

internal sealed class ApiRequestConfiguration : IEntityTypeConfiguration<ApiRequest>
{
    public void Configure(EntityTypeBuilder<ApiRequest> builder)
    {
        builder.ToTable("Requests");
        builder.HasKey(r => r.Seq);
        builder.Property(r => r.Seq).ValueGeneratedOnAdd();
        builder.Property(r => r.RequestId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ApiKeyId).HasMaxLength(64);
        builder.Property(r => r.Ip).HasMaxLength(45).IsRequired();
        builder.Property(r => r.IpPrefix).HasMaxLength(49).IsRequired();
        builder.Property(r => r.Sketch).HasMaxLength(32);

        // The only secondary index: an account's traffic per day in time order. Day leads so that a day's inserts land
        // in one small region of the index instead of all over it; readers ask per day (ADR-004).
        builder.HasIndex(r => new { r.Day, r.AccountKey, r.Timestamp });
    }
}

internal sealed class LookupValueConfiguration : IEntityTypeConfiguration<LookupValue>
{
    public void Configure(EntityTypeBuilder<LookupValue> builder)
    {
        builder.ToTable("LookupValues");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Value).HasMaxLength(512).IsRequired();
        builder.HasIndex(v => new { v.Kind, v.Value }).IsUnique();
    }
}

internal sealed class AccountActivityHourConfiguration : IEntityTypeConfiguration<AccountActivityHour>
{
    public void Configure(EntityTypeBuilder<AccountActivityHour> builder)
    {
        // Two tiers, one table each (TPC): the base type's queries read both as one UNION ALL, which SQLite and SQL
        // Server search arm by arm in each key. No index on Hour: every reader asks by account.
        builder.ToTable("AccountActivityHours");
        builder.UseTpcMappingStrategy();
        builder.HasKey(h => new { h.AccountKey, h.Hour, h.ModelId });
    }
}

internal sealed class RecentActivityHourConfiguration : IEntityTypeConfiguration<RecentActivityHour>
{
    public void Configure(EntityTypeBuilder<RecentActivityHour> builder) => builder.ToTable("AccountActivityHoursRecent");
}

internal sealed class AccountAddressConfiguration : IEntityTypeConfiguration<AccountAddress>
{
    public void Configure(EntityTypeBuilder<AccountAddress> builder)
    {
        builder.ToTable("AccountAddresses");
        builder.UseTpcMappingStrategy(); // two tiers, as the activity hours
        builder.HasKey(a => new { a.AccountKey, a.Ip });
        builder.Property(a => a.Ip).HasMaxLength(45);
        builder.Property(a => a.IpPrefix).HasMaxLength(49).IsRequired();

        // One index for both address questions, so that an ingest's upserts write two B-trees instead of four (on
        // SQLite the table is WITHOUT ROWID, stored in its key: see the IngestIndexesTrimmed migration):
        // who else used a network (IpPrefix), and who used one address (IpPrefix, then Ip: an address's network is
        // worked out from it, IpPrefix.Of). Both are answered from the index alone, the account key is in it.
        builder.HasIndex(a => new { a.IpPrefix, a.Ip, a.AccountKey });
    }
}

internal sealed class RecentAccountAddressConfiguration : IEntityTypeConfiguration<RecentAccountAddress>
{
    public void Configure(EntityTypeBuilder<RecentAccountAddress> builder) => builder.ToTable("AccountAddressesRecent");
}

internal sealed class PromptSampleConfiguration : IEntityTypeConfiguration<PromptSample>
{
    public void Configure(EntityTypeBuilder<PromptSample> builder)
    {
        builder.ToTable("PromptSamples");
        builder.HasKey(s => new { s.AccountKey, s.Slot });
        builder.Property(s => s.RequestId).HasMaxLength(64).IsRequired();
        builder.Property(s => s.Prompt).HasMaxLength(4000).IsRequired();

        // No index on Timestamp: a replaced sample would move its entry from a random place in it on every
        // replacement (a page written per sample, 12 % of the ingest's time). Only the daily retention job asks by
        // time, and it reads the table through once.
    }
}

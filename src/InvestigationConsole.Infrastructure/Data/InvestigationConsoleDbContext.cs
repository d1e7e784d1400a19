using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Infrastructure.Data;

public class InvestigationConsoleDbContext(DbContextOptions<InvestigationConsoleDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IConsoleDbContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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

using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Infrastructure.Data;

/// <summary>The one place that knows which provider and which migration assembly go together.</summary>
public static class DatabaseOptionsBuilder
{
    public const string SqliteMigrationsAssembly = "InvestigationConsole.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "InvestigationConsole.Migrations.SqlServer";

    public static DbContextOptionsBuilder Configure(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, sql => sql
                .MigrationsAssembly(SqlServerMigrationsAssembly)
                .EnableRetryOnFailure()),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };

    public static DbContextOptions<InvestigationConsoleDbContext> For(DatabaseProvider provider, string connectionString) =>
        (DbContextOptions<InvestigationConsoleDbContext>)new DbContextOptionsBuilder<InvestigationConsoleDbContext>()
            .Configure(provider, connectionString).Options;
}

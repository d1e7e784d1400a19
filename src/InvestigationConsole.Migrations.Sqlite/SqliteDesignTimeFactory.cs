using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace InvestigationConsole.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the SQLite model without starting the web app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<InvestigationConsoleDbContext>
{
    public InvestigationConsoleDbContext CreateDbContext(string[] args) =>
        new(DatabaseOptionsBuilder.For(DatabaseProvider.Sqlite, "Data Source=design-time.db"));
}

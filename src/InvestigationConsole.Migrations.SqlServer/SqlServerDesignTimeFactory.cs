using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace InvestigationConsole.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the SQL Server model without a server; scripts are generated, never applied from here.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<InvestigationConsoleDbContext>
{
    public InvestigationConsoleDbContext CreateDbContext(string[] args) =>
        new(DatabaseOptionsBuilder.For(DatabaseProvider.SqlServer, "Server=(design-time);Database=InvestigationConsole;Trusted_Connection=True"));
}

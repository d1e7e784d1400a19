using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Data;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=(none)")]
    public void Model_ComparedWithProviderMigrations_HasNoPendingChanges(DatabaseProvider provider, string connectionString)
    {
        using var db = new InvestigationConsoleDbContext(DatabaseOptionsBuilder.For(provider, connectionString));

        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes without a {provider} migration: run db/migrations.sh add NAME");
    }

    [Fact]
    public async Task FreshSqliteFile_Migrated_AppliesEveryMigration()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ic-migrate-{Guid.NewGuid():n}.db");
        try
        {
            await using (var db = new InvestigationConsoleDbContext(DatabaseOptionsBuilder.For(DatabaseProvider.Sqlite, $"Data Source={file}")))
            {
                await db.Database.MigrateAsync();

                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
                Assert.Equal(0, await db.AuditEntries.CountAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Initializer_OnFreshDataFolder_CreatesDatabaseInWalMode()
    {
        await using var host = await TestHost.StartAsync();

        var mode = await host.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<InvestigationConsoleDbContext>();
            return await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync();
        });

        Assert.True(File.Exists(Path.Combine(host.DataFolder, DatabaseSettings.SqliteFileName)));
        Assert.Equal("wal", Assert.Single(mode));
    }
}

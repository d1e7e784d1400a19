using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

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
    public async Task ActivityHoursWithoutRowid_OnRowsOfTheOldLayout_KeepsEveryRowInThePrimaryKeyAndGoesBack()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ic-migrate-{Guid.NewGuid():n}.db");
        try
        {
            await using var db = new InvestigationConsoleDbContext(DatabaseOptionsBuilder.For(DatabaseProvider.Sqlite, $"Data Source={file}"));
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var target = migrations.Single(m => m.EndsWith("_ActivityHoursWithoutRowid", StringComparison.Ordinal));
            await migrator.MigrateAsync(migrations[migrations.IndexOf(target) - 1]);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AccountActivityHours" ("AccountKey", "Hour", "ModelId", "Requests", "InputTokens", "OutputTokens", "ToolRequests", "ErrorRequests", "IpBits")
                VALUES (7, 500000, 2, 40, 4000, 9000, 3, 1, 5), (3, 500001, 1, 12, 100, 200, 0, 0, 1), (7, 499999, 1, 1, 10, 20, 0, 0, 0)
                """);

            await migrator.MigrateAsync(target);

            Assert.Contains("WITHOUT ROWID", await TableSqlAsync(db), StringComparison.Ordinal);
            var rows = await db.ActivityHours.AsNoTracking().OrderBy(h => h.AccountKey).ThenBy(h => h.Hour).ToListAsync();
            Assert.Equal([(3, 500001, 12), (7, 499999, 1), (7, 500000, 40)], rows.Select(h => (h.AccountKey, h.Hour, h.Requests)));
            Assert.Equal((4000L, 9000L, 3, 1, 5L), rows[2] is var r ? (r.InputTokens, r.OutputTokens, r.ToolRequests, r.ErrorRequests, r.IpBits) : default);
            Assert.Contains("IX_AccountActivityHours_Hour", await db.Database.SqlQueryRaw<string>(
                "SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AccountActivityHours'").ToListAsync());

            await migrator.MigrateAsync(migrations[migrations.IndexOf(target) - 1]);

            Assert.DoesNotContain("WITHOUT ROWID", await TableSqlAsync(db), StringComparison.Ordinal);
            Assert.Equal(3, await db.ActivityHours.CountAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private static async Task<string> TableSqlAsync(InvestigationConsoleDbContext db) =>
        Assert.Single(await db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE type = 'table' AND name = 'AccountActivityHours'").ToListAsync());

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

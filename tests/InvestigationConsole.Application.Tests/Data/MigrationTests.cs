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
    public Task ActivityHoursWithoutRowid_OnRowsOfTheOldLayout_KeepsEveryRowInThePrimaryKeyAndGoesBack() => AcrossMigrationAsync(
        "ActivityHoursWithoutRowid",
        """
        INSERT INTO "AccountActivityHours" ("AccountKey", "Hour", "ModelId", "Requests", "InputTokens", "OutputTokens", "ToolRequests", "ErrorRequests", "IpBits")
        VALUES (7, 500000, 2, 40, 4000, 9000, 3, 1, 5), (3, 500001, 1, 12, 100, 200, 0, 0, 1), (7, 499999, 1, 1, 10, 20, 0, 0, 0)
        """,
        afterUp: async db =>
        {
            Assert.Contains("WITHOUT ROWID", await TableSqlAsync(db, "AccountActivityHours"), StringComparison.Ordinal);
            Assert.Equal(["3 500001 1 12 100 200 0 0 1", "7 499999 1 1 10 20 0 0 0", "7 500000 2 40 4000 9000 3 1 5"], await HourRowsAsync(db, "AccountActivityHours"));
            Assert.Contains("IX_AccountActivityHours_Hour", await db.Database.SqlQueryRaw<string>(
                "SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name = 'AccountActivityHours'").ToListAsync());
        },
        afterDown: async db =>
        {
            Assert.DoesNotContain("WITHOUT ROWID", await TableSqlAsync(db, "AccountActivityHours"), StringComparison.Ordinal);
            Assert.Equal(3, (await HourRowsAsync(db, "AccountActivityHours")).Count);
        });

    [Fact]
    public Task IngestIndexesTrimmed_OnAddressesOfTheOldLayout_KeepsEveryRowInThePrimaryKeyAndGoesBack() => AcrossMigrationAsync(
        "IngestIndexesTrimmed",
        """
        INSERT INTO "AccountAddresses" ("AccountKey", "Ip", "IpPrefix", "Requests", "FirstSeenAt", "LastSeenAt")
        VALUES (7, '198.51.100.9', '198.51.100.0/24', 40, 100, 900), (3, '2001:db8::1', '2001:db8::/48', 12, 50, 60),
               (7, '192.0.2.1', '192.0.2.0/24', 1, 10, 10)
        """,
        afterUp: async db =>
        {
            Assert.Contains("WITHOUT ROWID", await TableSqlAsync(db, "AccountAddresses"), StringComparison.Ordinal);
            Assert.Equal(
                ["3 2001:db8::1 2001:db8::/48 12 50 60", "7 192.0.2.1 192.0.2.0/24 1 10 10", "7 198.51.100.9 198.51.100.0/24 40 100 900"],
                await AddressRowsAsync(db, "AccountAddresses"));
            Assert.Equal(["IX_AccountAddresses_IpPrefix_Ip_AccountKey"], await IndexesAsync(db, "AccountAddresses"));
            Assert.Empty(await IndexesAsync(db, "PromptSamples"));
        },
        afterDown: async db =>
        {
            Assert.DoesNotContain("WITHOUT ROWID", await TableSqlAsync(db, "AccountAddresses"), StringComparison.Ordinal);
            Assert.Equal(3, (await AddressRowsAsync(db, "AccountAddresses")).Count);
            Assert.Equal(["IX_AccountAddresses_Ip", "IX_AccountAddresses_IpPrefix_AccountKey"], await IndexesAsync(db, "AccountAddresses"));
            Assert.Equal(["IX_PromptSamples_Timestamp"], await IndexesAsync(db, "PromptSamples"));
        });

    [Fact]
    public Task RollupTiers_OnOneTierRollups_AddsTheRecentTierThatTheModelReadsAndMergesItBackGoingDown() => AcrossMigrationAsync(
        "RollupTiers",
        """
        INSERT INTO "AccountActivityHours" ("AccountKey", "Hour", "ModelId", "Requests", "InputTokens", "OutputTokens", "ToolRequests", "ErrorRequests", "IpBits")
        VALUES (7, 500000, 2, 40, 4000, 9000, 3, 1, 5);
        INSERT INTO "AccountAddresses" ("AccountKey", "Ip", "IpPrefix", "Requests", "FirstSeenAt", "LastSeenAt")
        VALUES (7, '198.51.100.9', '198.51.100.0/24', 40, 100, 900)
        """,
        afterUp: async db =>
        {
            Assert.Contains("WITHOUT ROWID", await TableSqlAsync(db, "AccountActivityHoursRecent"), StringComparison.Ordinal);
            Assert.Contains("WITHOUT ROWID", await TableSqlAsync(db, "AccountAddressesRecent"), StringComparison.Ordinal);
            Assert.Empty(await IndexesAsync(db, "AccountActivityHours"));
            Assert.Equal(["IX_AccountAddressesRecent_IpPrefix_Ip_AccountKey"], await IndexesAsync(db, "AccountAddressesRecent"));

            // A later file's rows in the recent tier: the same hour and address again, and a new hour.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "AccountActivityHoursRecent" ("AccountKey", "Hour", "ModelId", "Requests", "InputTokens", "OutputTokens", "ToolRequests", "ErrorRequests", "IpBits")
                VALUES (7, 500000, 2, 2, 10, 20, 1, 0, 2), (7, 500001, 2, 1, 1, 1, 0, 1, 8);
                INSERT INTO "AccountAddressesRecent" ("AccountKey", "Ip", "IpPrefix", "Requests", "FirstSeenAt", "LastSeenAt")
                VALUES (7, '198.51.100.9', '198.51.100.0/24', 2, 50, 950)
                """);
            Assert.Equal(43, await db.ActivityHours.SumAsync(h => h.Requests));
            Assert.Equal(3, await db.ActivityHours.CountAsync());
            Assert.Equal(42L, await db.AccountAddresses.SumAsync(a => a.Requests));
        },
        afterDown: async db =>
        {
            Assert.Equal(["7 500000 2 42 4010 9020 4 1 7", "7 500001 2 1 1 1 0 1 8"], await HourRowsAsync(db, "AccountActivityHours"));
            Assert.Equal(["7 198.51.100.9 198.51.100.0/24 42 50 950"], await AddressRowsAsync(db, "AccountAddresses"));
            Assert.Equal(["IX_AccountActivityHours_Hour"], await IndexesAsync(db, "AccountActivityHours"));
            Assert.Empty(await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE name LIKE '%Recent'").ToListAsync());
        });

    /// <summary>
    /// A fresh SQLite file migrated to just before the migration named, <paramref name="rowsOfTheOldLayout"/> inserted,
    /// then the migration applied (<paramref name="afterUp"/> checks) and reverted (<paramref name="afterDown"/> checks).
    /// </summary>
    private static async Task AcrossMigrationAsync(string migration, string rowsOfTheOldLayout,
        Func<InvestigationConsoleDbContext, Task> afterUp, Func<InvestigationConsoleDbContext, Task> afterDown)
    {
        var file = Path.Combine(Path.GetTempPath(), $"ic-migrate-{Guid.NewGuid():n}.db");
        try
        {
            await using var db = new InvestigationConsoleDbContext(DatabaseOptionsBuilder.For(DatabaseProvider.Sqlite, $"Data Source={file}"));
            var migrator = db.GetService<IMigrator>();
            var migrations = db.Database.GetMigrations().ToList();
            var target = migrations.Single(m => m.EndsWith("_" + migration, StringComparison.Ordinal));
            var before = migrations[migrations.IndexOf(target) - 1];
            await migrator.MigrateAsync(before);
            await db.Database.ExecuteSqlRawAsync(rowsOfTheOldLayout);

            await migrator.MigrateAsync(target);
            await afterUp(db);

            await migrator.MigrateAsync(before);
            await afterDown(db);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    /// <summary>A table's hourly rows read with SQL (the model reads both tiers, which older layouts lack), in key order.</summary>
    private static Task<List<string>> HourRowsAsync(InvestigationConsoleDbContext db, string table) => RowsAsync(db, table, """
        SELECT "AccountKey" || ' ' || "Hour" || ' ' || "ModelId" || ' ' || "Requests" || ' ' || "InputTokens" || ' ' || "OutputTokens" || ' ' ||
            "ToolRequests" || ' ' || "ErrorRequests" || ' ' || "IpBits" AS Value
        FROM "{0}" ORDER BY "AccountKey", "Hour", "ModelId"
        """);

    private static Task<List<string>> AddressRowsAsync(InvestigationConsoleDbContext db, string table) => RowsAsync(db, table, """
        SELECT "AccountKey" || ' ' || "Ip" || ' ' || "IpPrefix" || ' ' || "Requests" || ' ' || "FirstSeenAt" || ' ' || "LastSeenAt" AS Value
        FROM "{0}" ORDER BY "AccountKey", "Ip"
        """);

    /// <summary>The rows of one of this test's own tables (a name, not a value: it cannot be a parameter).</summary>
    private static Task<List<string>> RowsAsync(InvestigationConsoleDbContext db, string table, string sqlWithTable)
    {
        var sql = sqlWithTable.Replace("{0}", table, StringComparison.Ordinal);
        return db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }

    private static async Task<string> TableSqlAsync(InvestigationConsoleDbContext db, string table) =>
        Assert.Single(await db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE type = 'table' AND name = {0}", table).ToListAsync());

    /// <summary>The table's named indexes (not SQLite's own key indexes), by name.</summary>
    private static Task<List<string>> IndexesAsync(InvestigationConsoleDbContext db, string table) =>
        db.Database.SqlQueryRaw<string>(
            "SELECT name AS Value FROM sqlite_master WHERE type = 'index' AND tbl_name = {0} AND name NOT LIKE 'sqlite_autoindex_%' ORDER BY name", table).ToListAsync();

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

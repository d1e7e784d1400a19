using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Infrastructure.Data.Scoring;
using Microsoft.Data.Sqlite;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>The store's request read split into slices must hand over what one slice would, in the same order.</summary>
public sealed class DetectionStoreReadTests(IngestedScenario scenario) : IClassFixture<IngestedScenario>
{
    [Fact]
    public async Task ReadRequests_ManySlices_GivesEachSliceWhatOneReadGivesForItsKeys()
    {
        var store = scenario.Host.Services.GetRequiredService<IDetectionStore>();
        var inputs = await store.LoadInputsAsync(default);
        var keys = inputs.Accounts.Select(a => a.Key).ToArray();
        var whole = Read(store, keys, 1).Single();
        Assert.True(whole.Count > 1000);

        AssertSlices(store, keys, whole, 5);
        var scattered = keys.Where((_, i) => i % 3 != 1).ToArray();
        AssertSlices(store, scattered, whole, 3);
    }

    [Fact]
    public async Task SqliteRequestRows_OwnConnectionOrInMemory_ReadWhatAdoNetReads()
    {
        // The native reader opens a connection of its own to the file (no mutex); a database in memory is read through
        // the given connection. Both must decode every column as ADO.NET does.
        var settings = scenario.Host.Services.GetRequiredService<DatabaseSettings>();
        var keys = (await scenario.Host.Services.GetRequiredService<IDetectionStore>().LoadInputsAsync(default)).Accounts.Select(a => a.Key).ToArray();
        await using var file = new SqliteConnection(settings.ConnectionString);
        await file.OpenAsync();
        await using var memory = new SqliteConnection("Data Source=:memory:");
        await memory.OpenAsync();
        file.BackupDatabase(memory);

        var expected = ReadRows(file, keys, readRows: null);
        Assert.True(expected.Count > 1000);
        Assert.Equal(expected, ReadRows(file, keys, SqliteRequestRows.Read));
        Assert.Equal(expected, ReadRows(memory, keys, SqliteRequestRows.Read));
    }

    [Theory]
    [InlineData("Seq")]
    [InlineData("Day")]
    public async Task BoundsQuery_SeeksBothEndsOfTheIndexInsteadOfSteppingThroughIt(string column)
    {
        var settings = scenario.Host.Services.GetRequiredService<DatabaseSettings>();
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var query = DetectionReader.BoundsQuery(name => $"\"{name}\"", column);
        await using var plan = connection.CreateCommand();
        plan.CommandText = "EXPLAIN QUERY PLAN " + query;
        var steps = new List<string>();
        await using (var reader = await plan.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }
        }

        Assert.Equal(2, steps.Count(step => step.StartsWith("SEARCH \"Requests\"", StringComparison.Ordinal) || step.StartsWith("SEARCH Requests", StringComparison.Ordinal)));
        Assert.DoesNotContain(steps, step => step.StartsWith("SCAN", StringComparison.Ordinal) && step.Contains("Requests", StringComparison.Ordinal));

        await using var bounds = connection.CreateCommand();
        bounds.CommandText = query;
        await using var values = await bounds.ExecuteReaderAsync();
        await values.ReadAsync();
        await using var naive = connection.CreateCommand();
        naive.CommandText = $"SELECT MIN(\"{column}\"), MAX(\"{column}\") FROM \"Requests\"";
        await using var expected = await naive.ExecuteReaderAsync();
        await expected.ReadAsync();
        Assert.Equal(expected.GetInt64(0), values.GetInt64(0));
        Assert.Equal(expected.GetInt64(1), values.GetInt64(1));
    }

    [Fact]
    public async Task SqliteRegistryRows_ReadWhatAdoNetReads()
    {
        var settings = scenario.Host.Services.GetRequiredService<DatabaseSettings>();
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        static object Row(Domain.Accounts.Account a) => (a.Key, a.AccountId, a.IsPlaceholder, a.OrgId, a.CreatedAt, a.EmailDomain, a.PaymentFingerprint,
            a.SignupIp, a.SignupPrefix, a.Verification, a.Tier, a.RequestCount, a.FirstRequestAt, a.LastRequestAt);

        var expected = await DetectionReader.ReadAccountsAsync(connection, '"', '"', default);
        var native = SqliteRegistryRows.Read(connection, null, default);

        // The scenario has both sides of every nullable column, and placeholders, so each decoding path is compared.
        Assert.True(expected.Count > 100);
        Assert.Contains(expected, a => a.IsPlaceholder);
        Assert.Contains(expected, a => a.OrgId is not null && a.CreatedAt is not null && a.PaymentFingerprint is not null && a.SignupIp is not null);
        Assert.Contains(expected, a => a.OrgId is null && a.CreatedAt is null);
        Assert.Equal(expected.Select(Row), native.Select(Row));
    }

    [Fact]
    public async Task SqliteRegistryRows_WithTheEarlierRegistry_HandsBackUnchangedAccountsAndReadsWhatChanged()
    {
        var settings = scenario.Host.Services.GetRequiredService<DatabaseSettings>();
        await using var file = new SqliteConnection(settings.ConnectionString);
        await file.OpenAsync();
        await using var memory = new SqliteConnection("Data Source=:memory:");
        await memory.OpenAsync();
        file.BackupDatabase(memory);
        static object Row(Domain.Accounts.Account a) => (a.Key, a.AccountId, a.IsPlaceholder, a.OrgId, a.CreatedAt, a.EmailDomain, a.PaymentFingerprint,
            a.SignupIp, a.SignupPrefix, a.Verification, a.Tier, a.RequestCount, a.FirstRequestAt, a.LastRequestAt);

        var keys = SqliteRegistryRows.Read(memory, null, default).Where(a => a is { IsPlaceholder: false, OrgId: not null, RequestCount: > 0 })
            .Select(a => a.Key).ToArray();
        Assert.True(keys.Length > 10);
        var (unicode, traffic, domain, org, gone, tier) = (keys[0], keys[1], keys[2], keys[3], keys[4], keys[5]);
        Execute(memory, $"""UPDATE "Accounts" SET "EmailDomain" = 'müller-straße.de' WHERE "Key" = {unicode}""");
        var earlier = SqliteRegistryRows.Read(memory, null, default);

        Execute(memory, $"""
            PRAGMA foreign_keys = OFF;
            UPDATE "Accounts" SET "RequestCount" = "RequestCount" + 1, "LastRequestAt" = "LastRequestAt" + 1 WHERE "Key" = {traffic};
            UPDATE "Accounts" SET "EmailDomain" = 'other.example' WHERE "Key" = {domain};
            UPDATE "Accounts" SET "OrgId" = NULL WHERE "Key" = {org};
            UPDATE "Accounts" SET "Tier" = "Tier" + 1 WHERE "Key" = {tier};
            DELETE FROM "Accounts" WHERE "Key" = {gone};
            INSERT INTO "Accounts" ("Key", "AccountId", "IsPlaceholder", "Verification", "Tier", "RequestCount", "PromptsSeen")
            VALUES ((SELECT MAX("Key") + 1 FROM "Accounts"), 'acct_new', 1, 0, 0, 0, 0);
            """);
        var expected = await DetectionReader.ReadAccountsAsync(memory, '"', '"', default);
        var again = SqliteRegistryRows.Read(memory, earlier, default);

        // Read as a first read would; the accounts whose columns are unchanged (a non-ASCII text among them) are the
        // earlier objects; one whose traffic alone moved shares the earlier texts; the others are new.
        Assert.Equal(expected.Select(Row), again.Select(Row));
        var before = earlier.ToDictionary(a => a.Key);
        var changed = new[] { traffic, domain, org, tier };
        Assert.All(again.Where(a => before.ContainsKey(a.Key) && !changed.Contains(a.Key)), a => Assert.Same(before[a.Key], a));
        Assert.Contains(again, a => a.Key == unicode && a.EmailDomain == "müller-straße.de");
        Assert.All(changed, key => Assert.NotSame(before[key], again.Single(a => a.Key == key)));
        var moved = again.Single(a => a.Key == traffic);
        Assert.Equal(before[traffic].RequestCount + 1, moved.RequestCount);
        Assert.Same(before[traffic].AccountId, moved.AccountId);
        Assert.Same(before[traffic].OrgId, moved.OrgId);
        Assert.Null(again.Single(a => a.Key == org).OrgId);
        Assert.DoesNotContain(again, a => a.Key == gone);
        Assert.Equal("acct_new", again[^1].AccountId);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<StoredRequest> ReadRows(SqliteConnection connection, int[] keys, DetectionReader.RowReader? readRows)
    {
        var rows = new List<StoredRequest>();
        DetectionReader.ReadRequests(connection, '"', '"', keys, rows.Add, default, readRows);
        return rows;
    }

    private static void AssertSlices(IDetectionStore store, int[] keys, List<StoredRequest> whole, int parts)
    {
        var size = (keys.Length + parts - 1) / parts;
        var slices = Read(store, keys, parts);
        for (var part = 0; part < parts; part++)
        {
            var wanted = keys.Skip(part * size).Take(size).ToHashSet();
            Assert.Equal(whole.Where(row => wanted.Contains(row.AccountKey)), slices[part]);
        }
    }

    private static List<StoredRequest>[] Read(IDetectionStore store, int[] keys, int parts)
    {
        var slices = Enumerable.Range(0, parts).Select(_ => new List<StoredRequest>()).ToArray();
        store.ReadRequests(keys, parts, (part, row) => slices[part].Add(row), default);
        return slices;
    }
}

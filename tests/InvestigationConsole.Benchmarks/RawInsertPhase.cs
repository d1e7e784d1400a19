using System.Diagnostics;
using System.Globalization;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// (a) The ceiling: rows shaped like ingested requests inserted into the migrated Requests table (arrival-order key and
/// its one secondary index) with one prepared INSERT reused, 20,000 rows per transaction, WAL, synchronous=NORMAL and
/// the ingest store's cache size. Nothing else is written, nothing is looked up.
/// </summary>
internal static class RawInsertPhase
{
    private const int RowsPerTransaction = 20_000;
    private const int Accounts = 224_000;

    public static async Task<Dictionary<string, double>> RunAsync(string dataFolder, long rows)
    {
        using var host = await BenchmarkHost.StartAsync(dataFolder);
        var settings = host.Services.GetRequiredService<DatabaseSettings>();
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-" + (Environment.GetEnvironmentVariable("BENCH_CACHE_KB") ?? "65536") + ";";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO "Requests" ("Key", "RequestId", "AccountKey", "Timestamp", "ApiKeyId", "Ip", "IpPrefix", "UserAgentId", "ModelId",
                "EndpointId", "InputTokens", "OutputTokens", "LatencyMs", "Status", "ToolCount", "Turns", "SystemPromptHash",
                "PromptLength", "Traits", "Sketch", "Day")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19, @p20)
            """;
        var p = Enumerable.Range(0, 21).Select(i => insert.Parameters.Add(new SqliteParameter($"@p{i}", null))).ToArray();
        insert.Prepare();

        // Values drawn as the generator's exports look: random 64-bit keys, accounts spread over the population,
        // time moving forward, a sketch for most prompts.
        var random = new Random(20260201);
        var apiKeys = Enumerable.Range(0, Accounts).Select(i => $"key_{random.NextInt64():x12}"[..16]).ToArray();
        var addresses = Enumerable.Range(0, 100_000).Select(_ => $"{random.Next(1, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}").ToArray();
        var start = new DateTimeOffset(2026, 1, 18, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var step = TimeSpan.FromDays(42).Ticks / Math.Max(rows, 1);
        var watch = Stopwatch.StartNew();
        for (var done = 0L; done < rows;)
        {
            await using var transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            for (var i = 0; i < RowsPerTransaction && done < rows; i++, done++)
            {
                var requestId = $"req_{random.NextInt64():x16}";
                var account = random.Next(Accounts);
                var ip = addresses[random.Next(addresses.Length)];
                var sketch = new byte[32];
                random.NextBytes(sketch);
                p[0].Value = RequestKey.Of(requestId);
                p[1].Value = requestId;
                p[2].Value = account + 1;
                var ticks = start + (done * step) + random.Next(1_000_000);
                p[3].Value = ticks;
                p[4].Value = apiKeys[account];
                p[5].Value = ip;
                p[6].Value = ip[..ip.LastIndexOf('.')] + ".0/24";
                p[7].Value = random.Next(1, 40);
                p[8].Value = random.Next(1, 7);
                p[9].Value = random.Next(1, 4);
                p[10].Value = random.Next(20, 12_000);
                p[11].Value = random.Next(20, 4_000);
                p[12].Value = random.Next(200, 30_000);
                p[13].Value = 200;
                p[14].Value = random.Next(0, 3);
                p[15].Value = random.Next(1, 40);
                p[16].Value = random.Next(3) == 0 ? DBNull.Value : random.NextInt64();
                p[17].Value = random.Next(20, 4_000);
                p[18].Value = random.Next(0, 1 << 12);
                p[19].Value = random.Next(10) == 0 ? DBNull.Value : sketch;
                p[20].Value = Domain.Traffic.ApiRequest.DayOf(new DateTimeOffset(ticks, TimeSpan.Zero));
                insert.ExecuteNonQuery();
            }

            await transaction.CommitAsync();
            if (done % 1_000_000 < RowsPerTransaction)
            {
                Phases.Progress(string.Create(CultureInfo.InvariantCulture, $"raw insert: {done:N0} rows, {done / watch.Elapsed.TotalSeconds:N0} rows/s"));
            }
        }

        var seconds = watch.Elapsed.TotalSeconds;
        await using var version = connection.CreateCommand();
        version.CommandText = "SELECT sqlite_version()";
        var sqlite = (string)(await version.ExecuteScalarAsync())!;
        Phases.Progress($"raw insert done: {rows:N0} rows in {seconds:N1} s (SQLite {sqlite})");
        return new Dictionary<string, double>
        {
            ["rows"] = rows,
            ["seconds"] = seconds,
            ["rows_per_second"] = rows / seconds,
            ["sqlite_version_major"] = int.Parse(sqlite.Split('.')[0], CultureInfo.InvariantCulture),
            ["sqlite_version_minor"] = int.Parse(sqlite.Split('.')[1], CultureInfo.InvariantCulture),
            ["database_bytes"] = DatabaseBytes(dataFolder),
        };
    }

    public static double DatabaseBytes(string dataFolder) =>
        Directory.EnumerateFiles(dataFolder, "investigation-console.db*").Sum(f => new FileInfo(f).Length);
}

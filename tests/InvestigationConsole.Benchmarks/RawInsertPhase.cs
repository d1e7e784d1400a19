using System.Diagnostics;
using System.Globalization;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Infrastructure.Data.Ingestion;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// (a) The ceiling: rows shaped like ingested requests inserted into the migrated Requests table (arrival-order key and
/// its one secondary index) with one prepared INSERT reused, bound natively, 20,000 rows per transaction, WAL, synchronous=NORMAL and
/// the ingest store's cache size and checkpoint threshold. Nothing else is written, nothing is looked up.
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
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={SqliteIngestStore.WalAutocheckpointPages}; PRAGMA cache_size=-" + (Environment.GetEnvironmentVariable("BENCH_CACHE_KB") ?? "65536") + ";";
            await pragma.ExecuteNonQueryAsync();
        }

        // The same native, positional binding the ingest store uses: the ceiling of what SQLite itself can take.
        using var insert = new SqliteRowStatement(connection, """
            INSERT INTO "Requests" ("Key", "RequestId", "AccountKey", "Timestamp", "ApiKeyId", "Ip", "IpPrefix", "UserAgentId", "ModelId",
                "EndpointId", "InputTokens", "OutputTokens", "LatencyMs", "Status", "ToolCount", "Turns", "SystemPromptHash",
                "PromptLength", "Traits", "Sketch", "Day")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
            """);

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
            for (var i = 0; i < RowsPerTransaction && done < rows; i++, done++)
            {
                var requestId = $"req_{random.NextInt64():x16}";
                var account = random.Next(Accounts);
                var ip = addresses[random.Next(addresses.Length)];
                var sketch = new byte[32];
                random.NextBytes(sketch);
                var ticks = start + (done * step) + random.Next(1_000_000);
                insert.Bind(1, RequestKey.Of(requestId)).Bind(2, requestId).Bind(3, account + 1).Bind(4, ticks).Bind(5, apiKeys[account])
                    .Bind(6, ip).Bind(7, ip[..ip.LastIndexOf('.')] + ".0/24").Bind(8, random.Next(1, 40)).Bind(9, random.Next(1, 7))
                    .Bind(10, random.Next(1, 4)).Bind(11, random.Next(20, 12_000)).Bind(12, random.Next(20, 4_000)).Bind(13, random.Next(200, 30_000))
                    .Bind(14, 200).Bind(15, random.Next(0, 3)).Bind(16, random.Next(1, 40)).Bind(17, random.Next(3) == 0 ? null : random.NextInt64())
                    .Bind(18, random.Next(20, 4_000)).Bind(19, random.Next(0, 1 << 12)).Bind(20, random.Next(10) == 0 ? null : sketch)
                    .Bind(21, Domain.Traffic.ApiRequest.DayOf(new DateTimeOffset(ticks, TimeSpan.Zero)));
                insert.Execute();
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

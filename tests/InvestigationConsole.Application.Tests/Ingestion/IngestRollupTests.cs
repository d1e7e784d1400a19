using System.Text.Json;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Investigation;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Infrastructure.Data.Ingestion;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Application.Tests.Ingestion;

/// <summary>
/// Rollups, addresses and account totals are written once per file (or when they outgrow their bound), not per batch:
/// however a file is cut into runs, they must end exactly as one clean run leaves them.
/// </summary>
public sealed class IngestRollupTests : IAsyncLifetime
{
    private static readonly string[] DigestQueries =
    [
        """
        SELECT a."AccountId", h."Hour", m."Value", h."Requests", h."InputTokens", h."OutputTokens", h."ToolRequests", h."ErrorRequests", h."IpBits"
        FROM "AccountActivityHours" h JOIN "Accounts" a ON a."Key" = h."AccountKey" JOIN "LookupValues" m ON m."Id" = h."ModelId" ORDER BY 1, 2, 3
        """,
        """
        SELECT a."AccountId", d."Ip", d."IpPrefix", d."Requests", d."FirstSeenAt", d."LastSeenAt"
        FROM "AccountAddresses" d JOIN "Accounts" a ON a."Key" = d."AccountKey" ORDER BY 1, 2
        """,
        """SELECT "AccountId", "RequestCount", "PromptsSeen", "FirstRequestAt", "LastRequestAt" FROM "Accounts" ORDER BY 1""",
        """SELECT a."AccountId", s."Slot", s."RequestId" FROM "PromptSamples" s JOIN "Accounts" a ON a."Key" = s."AccountKey" ORDER BY 1, 2""",
    ];

    private TestHost _clean = null!;
    private TestHost _cut = null!;

    public async Task InitializeAsync()
    {
        _clean = await TestHost.StartAsync(new Dictionary<string, string?> { ["Ingest:BatchSize"] = "3", ["Ingest:EvidenceSamplesPerAccount"] = "3" });
        _cut = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Ingest:BatchSize"] = "3",
            ["Ingest:EvidenceSamplesPerAccount"] = "3",
            ["Ingest:MaxPendingRollups"] = "10",
        });
    }

    public async Task DisposeAsync()
    {
        await _clean.DisposeAsync();
        await _cut.DisposeAsync();
    }

    [Fact]
    public async Task Ingest_InterruptedTwiceWithBoundedRollups_EndsLikeOneCleanRun()
    {
        var lines = Traffic("r", ["a", "b", "c", "d"], 60);
        await IngestAsync(_clean, "requests-1.jsonl", lines);

        var file = await RegisterAsync(_cut, "requests-1.jsonl", lines);
        await InterruptAfterAsync(_cut, file, 10);
        await InterruptAfterAsync(_cut, file, 31);
        var resumed = await RunAsync(_cut, file);

        Assert.Equal((IngestStatus.Completed, 60L), (resumed.Status, resumed.Accepted));
        Assert.Equal(await DigestAsync(_clean), await DigestAsync(_cut));
        Assert.Equal(60, await Query(_cut, db => db.ActivityHours.SumAsync(h => h.Requests)));
        var ledger = await Query(_cut, db => db.IngestFiles.AsNoTracking().SingleAsync());
        Assert.Equal((60L, 60L), (ledger.LastSeq, ledger.RollupsThroughSeq));
    }

    [Fact]
    public async Task Ingest_AnotherFileBetweenInterruptionAndResume_CountsNeitherFilesRowsTwice()
    {
        var first = Traffic("r", ["a", "b", "c"], 30);
        var second = Traffic("s", ["x", "y"], 12);
        await IngestAsync(_clean, "requests-1.jsonl", first);
        await IngestAsync(_clean, "requests-2.jsonl", second);

        var file = await RegisterAsync(_cut, "requests-1.jsonl", first);
        await InterruptAfterAsync(_cut, file, 12);
        var stored = await Query(_cut, db => db.Requests.CountAsync());
        await IngestAsync(_cut, "requests-2.jsonl", second);

        // The second file settled what the interrupted one had stored, before it sampled anything.
        Assert.Equal(stored + 12, await Query(_cut, db => db.Accounts.SumAsync(a => a.RequestCount)));
        await RunAsync(_cut, file);

        Assert.Equal(await DigestAsync(_clean), await DigestAsync(_cut));
        Assert.Equal(42, await Query(_cut, db => db.ActivityHours.SumAsync(h => h.Requests)));
    }

    [Fact]
    public async Task Ingest_WhileAFileRuns_ItsRollupsAppearOnlyWhenItEnds()
    {
        var file = await RegisterAsync(_clean, "requests-1.jsonl", Traffic("r", ["a", "b"], 30));

        await InterruptAfterAsync(_clean, file, 9);

        Assert.InRange(await Query(_clean, db => db.Requests.CountAsync()), 9, 29);
        Assert.Equal(0, await Query(_clean, db => db.ActivityHours.CountAsync()));
        Assert.Equal(0L, await Query(_clean, db => db.Accounts.SumAsync(a => a.RequestCount)));
        await RunAsync(_clean, file);
        Assert.Equal(30, await Query(_clean, db => db.ActivityHours.SumAsync(h => h.Requests)));
    }

    [Fact]
    public async Task Ingest_RecentTierMergedAfterEveryFileOrNotAtAll_ReadersSeeTheSameTotals()
    {
        await using var merged = await TestHost.StartAsync(new Dictionary<string, string?> { ["Ingest:RecentRollupsFraction"] = "0" });
        await using var tiered = await TestHost.StartAsync(new Dictionary<string, string?> { ["Ingest:RecentRollupsFraction"] = "1000" });
        List<string>[] files = [Traffic("r", ["a", "b", "c"], 40), Traffic("s", ["a", "b", "d"], 30), Traffic("t", ["b", "d", "e"], 25)];
        foreach (var host in new[] { merged, tiered })
        {
            for (var i = 0; i < files.Length; i++)
            {
                await IngestAsync(host, $"requests-{i + 1}.jsonl", files[i]);
            }
        }

        // The first file is merged in both (the main tier is empty); the later files' rows, for the same hours and
        // addresses, stay in the recent tier of one and are merged in the other.
        Assert.Equal((0, 0), (await Query(merged, db => db.Set<RecentActivityHour>().CountAsync()), await Query(merged, db => db.Set<RecentAccountAddress>().CountAsync())));
        Assert.NotEqual(0, await Query(tiered, db => db.Set<RecentActivityHour>().CountAsync()));
        Assert.NotEqual(0, await Query(tiered, db => db.Set<RecentAccountAddress>().CountAsync()));
        Assert.Equal(95, await Query(tiered, db => db.ActivityHours.SumAsync(h => h.Requests)));
        Assert.Equal(await DigestAsync(merged), await DigestAsync(tiered));
        Assert.Equal(await ReadersAsync(merged), await ReadersAsync(tiered));
    }

    [Fact]
    public async Task Ingest_FilesOneAfterAnother_KeepTheSnapshotAndEndAsRunnersThatReadItAfresh()
    {
        List<string>[] files = [Traffic("r", ["a", "b", "c"], 40), Traffic("s", ["a", "d"], 30), Traffic("t", ["b", "d", "e"], 25)];
        var kept = new CountingStore(_clean.Services.GetRequiredService<IIngestStore>());
        var runner = ActivatorUtilities.CreateInstance<IngestionRunner>(_clean.Services, kept);
        for (var i = 0; i < files.Length; i++)
        {
            var file = await RegisterAsync(_clean, $"requests-{i + 1}.jsonl", files[i]);
            Assert.Equal(IngestStatus.Completed, (await runner.RunAsync(file.Id, null, default)).Status);

            // A runner of its own for every file: nothing kept, the snapshot read from the database each time.
            var again = await RegisterAsync(_cut, $"requests-{i + 1}.jsonl", files[i]);
            var fresh = ActivatorUtilities.CreateInstance<IngestionRunner>(_cut.Services);
            Assert.Equal(IngestStatus.Completed, (await fresh.RunAsync(again.Id, null, default)).Status);
        }

        Assert.Equal(1, kept.SnapshotsLoaded);
        Assert.Equal(await DigestAsync(_cut), await DigestAsync(_clean));
    }

    [Fact]
    public async Task Ingest_AnotherRunnerIngestsInBetween_TheKeptSnapshotIsReadAgain()
    {
        // New accounts in every file: a snapshot kept across the other runner's file would give its accounts' keys again.
        List<string>[] files = [Traffic("r", ["a", "b"], 20), Traffic("s", ["c", "d"], 20), Traffic("t", ["e", "a", "c"], 30)];
        var store = new CountingStore(_cut.Services.GetRequiredService<IIngestStore>());
        var runner = ActivatorUtilities.CreateInstance<IngestionRunner>(_cut.Services, store);
        var other = ActivatorUtilities.CreateInstance<IngestionRunner>(_cut.Services);
        for (var i = 0; i < files.Length; i++)
        {
            await IngestAsync(_clean, $"requests-{i + 1}.jsonl", files[i]);
            var file = await RegisterAsync(_cut, $"requests-{i + 1}.jsonl", files[i]);
            Assert.Equal(IngestStatus.Completed, (await (i == 1 ? other : runner).RunAsync(file.Id, null, default)).Status);
        }

        Assert.Equal(2, store.SnapshotsLoaded);
        Assert.Equal(await DigestAsync(_clean), await DigestAsync(_cut));
        Assert.Equal(70, await Query(_cut, db => db.Accounts.SumAsync(a => a.RequestCount)));
    }

    /// <summary>The real store, counting the snapshots read from it.</summary>
    private sealed class CountingStore(IIngestStore inner) : IIngestStore
    {
        public int SnapshotsLoaded { get; private set; }

        public Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
        {
            SnapshotsLoaded++;
            return inner.LoadSnapshotAsync(cancellationToken);
        }

        public Task<string?> ReadMarkAsync(CancellationToken cancellationToken) => inner.ReadMarkAsync(cancellationToken);

        public Task<long> ReadMaxSeqAsync(CancellationToken cancellationToken) => inner.ReadMaxSeqAsync(cancellationToken);

        public Task<long> ReadRequestKeysAsync(long afterSeq, Action<long> onKey, CancellationToken cancellationToken) =>
            inner.ReadRequestKeysAsync(afterSeq, onKey, cancellationToken);

        public Task<IReadOnlySet<string>> FindStoredAsync(IReadOnlyCollection<RequestProbe> probes, CancellationToken cancellationToken) =>
            inner.FindStoredAsync(probes, cancellationToken);

        public Task CommitAsync(IngestBatch batch, CancellationToken cancellationToken) => inner.CommitAsync(batch, cancellationToken);

        public Task ReadRequestsAsync(long afterSeq, long throughSeq, Action<ApiRequest> onRequest, CancellationToken cancellationToken) =>
            inner.ReadRequestsAsync(afterSeq, throughSeq, onRequest, cancellationToken);
    }

    /// <summary>What the account page, its shared attributes and address search show, as JSON.</summary>
    private static async Task<List<string>> ReadersAsync(TestHost host)
    {
        var seen = new List<string>();
        foreach (var account in new[] { "a", "b", "c", "d", "e" })
        {
            var dossier = await host.Services.GetRequiredService<AccountDossierQuery>().ReadAsync(account);
            Assert.NotNull(dossier);
            Assert.NotEmpty(dossier.Models);
            seen.Add(JsonSerializer.Serialize(dossier));
            seen.Add(JsonSerializer.Serialize(await host.Services.GetRequiredService<AccountActivityQuery>().ReadAsync(dossier.AccountKey)));
            seen.Add(JsonSerializer.Serialize(await host.Services.GetRequiredService<SharedAttributesQuery>().ReadAsync(dossier.AccountKey)));
        }

        foreach (var query in new[] { "203.0.113.3", "203.0.113.0/24" })
        {
            var found = await host.Services.GetRequiredService<AccountSearch>().SearchAsync(query);
            Assert.NotEmpty(found.Hits);
            seen.Add(JsonSerializer.Serialize(found));
        }

        return seen;
    }

    /// <summary>Lines over several hours, models, addresses and status codes, some without a prompt.</summary>
    private static List<string> Traffic(string prefix, string[] accounts, int count) =>
        Enumerable.Range(0, count).Select(i => ExportFiles.Request($"{prefix}{i}", accounts[i % accounts.Length],
                ts: $"2026-02-01T{i % 5:D2}:{i % 60:D2}:00Z", model: i % 3 == 0 ? "frontier-large-2" : "frontier-small-1",
                ip: $"203.0.113.{i % 7}", prompt: i % 4 == 0 ? "" : $"Explain the tide tables for harbour {i}", input: 10 + i, output: 100 + i)
            .Replace("\"status\":200", i % 9 == 0 ? "\"status\":429" : "\"status\":200", StringComparison.Ordinal))
        .ToList();

    private static async Task<IngestFile> RegisterAsync(TestHost host, string name, IEnumerable<string> lines)
    {
        var path = ExportFiles.Write(Path.Combine(host.DataFolder, "test-exports"), name, lines);
        return (await host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default)).File;
    }

    private static async Task IngestAsync(TestHost host, string name, IEnumerable<string> lines)
    {
        var summary = await RunAsync(host, await RegisterAsync(host, name, lines));
        Assert.Equal(IngestStatus.Completed, summary.Status);
    }

    private static Task<IngestFileSummary> RunAsync(TestHost host, IngestFile file) =>
        host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);

    /// <summary>Stops the run as if killed once a batch past <paramref name="lines"/> has committed.</summary>
    private static async Task InterruptAfterAsync(TestHost host, IngestFile file, long lines)
    {
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.LinesRead >= lines) { stop.Cancel(); } });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, progress, stop.Token));
    }

    private static async Task<List<string>> DigestAsync(TestHost host)
    {
        var digest = new List<string>();
        foreach (var sql in DigestQueries)
        {
            digest.AddRange(await Query(host, async db =>
            {
                // The rollups' two tiers as one: merged in a transaction rolled back after reading (runs cut at other
                // points split rows between the tiers otherwise; their sum may not differ).
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync();
                await using var merged = (SqliteTransaction)await connection.BeginTransactionAsync();
                SqliteBatchWriter.MergeRecentTier(connection, merged);
                await using var command = connection.CreateCommand();
                command.Transaction = merged;
                command.CommandText = sql;
                await using var reader = await command.ExecuteReaderAsync();
                var rows = new List<string>();
                while (await reader.ReadAsync())
                {
                    rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
                }

                return rows;
            }));
        }

        return digest;
    }

    private static Task<T> Query<T>(TestHost host, Func<InvestigationConsoleDbContext, Task<T>> query) =>
        host.InScopeAsync(s => query(s.GetRequiredService<InvestigationConsoleDbContext>()));
}

using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Application.Tests.Ingestion;

public sealed class IngestionTests : IAsyncLifetime
{
    private TestHost _host = null!;

    private string Inbox => Path.Combine(_host.DataFolder, "test-exports");

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Ingest:BatchSize"] = "3",
        ["Ingest:EvidenceSamplesPerAccount"] = "5",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ingest_EveryBadInputKind_QuarantinesEachAndKeepsEveryGoodLine()
    {
        var path = ExportFiles.Write(Inbox, "requests-bad.jsonl",
        [
            ExportFiles.Request("r1", "acct_a"),
            "{not json",
            """{"request_id":"r2","account_id":"acct_a","ip":"198.51.100.1","model":"m","input_tokens":1,"output_tokens":1,"status":200}""",
            ExportFiles.Request("r3", "acct_a").Replace("\"input_tokens\":100", "\"input_tokens\":\"many\"", StringComparison.Ordinal),
            ExportFiles.Request("r4", "acct_a", ts: "yesterday"),
            ExportFiles.Request("r5", "acct_a", ip: "300.1.2.3"),
            ExportFiles.Request("r6", "acct_a", input: -4),
            ExportFiles.Request("r7", "acct_a", prompt: new string('x', 1_100_000)),
            ExportFiles.Request("r8", "acct_a"),
        ]);

        var summary = await IngestAsync(path);

        Assert.Equal((IngestStatus.Completed, 2L, 0L, 7L), (summary.Status, summary.Accepted, summary.Duplicates, summary.Rejected));
        var reasons = await Query(db => db.QuarantinedLines.OrderBy(q => q.LineNumber).Select(q => q.Reason).ToListAsync());
        Assert.Equal(["InvalidJson", "MissingField", "WrongType", "BadTimestamp", "BadIpAddress", "NegativeCount", "LineTooLong"], reasons);
        Assert.Equal(["r1", "r8"], await Query(db => db.Requests.OrderBy(r => r.RequestId).Select(r => r.RequestId).ToListAsync()));
        Assert.All(await Query(db => db.QuarantinedLines.ToListAsync()), q => Assert.True(q.RawText.Length <= 4096));
    }

    [Fact]
    public async Task Ingest_DuplicateRequestIdsWithinAndAcrossFiles_AreStoredOnceAndCounted()
    {
        var first = ExportFiles.Write(Inbox, "requests-1.jsonl", [ExportFiles.Request("r1", "a"), ExportFiles.Request("r2", "a"), ExportFiles.Request("r1", "a")]);
        var second = ExportFiles.Write(Inbox, "requests-2.jsonl", [ExportFiles.Request("r2", "a"), ExportFiles.Request("r3", "a")]);

        var one = await IngestAsync(first);
        var two = await IngestAsync(second);

        Assert.Equal((2L, 1L), (one.Accepted, one.Duplicates));
        Assert.Equal((1L, 1L), (two.Accepted, two.Duplicates));
        Assert.Equal(3, await Query(db => db.Requests.CountAsync()));
        Assert.Equal(3, await Query(db => db.Accounts.Where(a => a.AccountId == "a").Select(a => a.RequestCount).SingleAsync()));
    }

    [Fact]
    public async Task Ingest_RequestIdsOfTheBatchesBefore_AreDuplicatesWhileThoseBatchesCommit()
    {
        // Three lines a batch: the second batch repeats an id of the first, which may still be committing while it is
        // built; the third repeats ids of both.
        string[] ids = ["r1", "r2", "r3", "r3", "r4", "r1", "r4", "r2", "r5"];
        var file = ExportFiles.Write(Inbox, "requests-1.jsonl", ids.Select(id => ExportFiles.Request(id, "a")));

        var summary = await IngestAsync(file);

        Assert.Equal((9L, 5L, 4L), (summary.LinesRead, summary.Accepted, summary.Duplicates));
        Assert.Equal(["r1", "r2", "r3", "r4", "r5"], await Query(db => db.Requests.OrderBy(r => r.Seq).Select(r => r.RequestId).ToListAsync()));
        Assert.Equal(5, await Query(db => db.Accounts.Where(a => a.AccountId == "a").Select(a => a.RequestCount).SingleAsync()));
    }

    [Fact]
    public async Task Ingest_SameRequestIdAtAnotherTimeAndAccount_IsStillADuplicate()
    {
        var first = ExportFiles.Write(Inbox, "requests-1.jsonl", [ExportFiles.Request("r1", "a", ts: "2026-02-01T08:00:01Z")]);
        var second = ExportFiles.Write(Inbox, "requests-2.jsonl", [ExportFiles.Request("r1", "b", ts: "2026-02-03T09:30:00Z"), ExportFiles.Request("r2", "b")]);

        await IngestAsync(first);
        var two = await IngestAsync(second);

        Assert.Equal((1L, 1L), (two.Accepted, two.Duplicates));
        Assert.Equal(["r1", "r2"], await Query(db => db.Requests.OrderBy(r => r.Seq).Select(r => r.RequestId).ToListAsync()));
    }

    [Fact]
    public async Task Ingest_TwoFiles_KeySetWatermarkFollowsItsOwnBatches()
    {
        await IngestAsync(ExportFiles.Write(Inbox, "requests-1.jsonl", [ExportFiles.Request("r1", "a"), ExportFiles.Request("r2", "a"), ExportFiles.Request("r3", "a"), ExportFiles.Request("r4", "a")]));
        await IngestAsync(ExportFiles.Write(Inbox, "requests-2.jsonl", [ExportFiles.Request("r5", "b"), ExportFiles.Request("r1", "a")]));

        var keys = _host.Services.GetRequiredService<RequestKeySet>();
        Assert.Equal(await Query(db => db.Requests.MaxAsync(r => r.Seq)), keys.LoadedThroughSeq);
        Assert.Equal(5, keys.Count);
    }

    [Fact]
    public async Task ReadRequestKeys_AfterASequence_StreamsTheLaterKeysInArrivalOrderAndTheLastSequence()
    {
        await IngestAsync(ExportFiles.Write(Inbox, "requests-1.jsonl", [.. Enumerable.Range(1, 7).Select(i => ExportFiles.Request($"r{i}", i % 2 == 0 ? "a" : "b"))]));
        var stored = await Query(db => db.Requests.OrderBy(r => r.Seq).Select(r => new { r.Seq, r.Key }).ToListAsync());
        var store = _host.Services.GetRequiredService<IIngestStore>();

        var read = new List<long>();
        var through = await store.ReadRequestKeysAsync(stored[2].Seq, read.Add, default);
        var none = await store.ReadRequestKeysAsync(stored[^1].Seq, _ => Assert.Fail("no row comes after the last"), default);

        Assert.Equal(stored.Skip(3).Select(r => r.Key), read);
        Assert.Equal((stored[^1].Seq, stored[^1].Seq), (through, await store.ReadMaxSeqAsync(default)));
        Assert.Equal(stored[^1].Seq, none);
    }

    [Fact]
    public async Task Ingest_KeySetFalsePositive_IsStoredAsNew()
    {
        // A stored key that shares r2's segment and fingerprint: the set says "maybe" for r2, the store says no.
        _host.Services.GetRequiredService<RequestKeySet>().Add(RequestKey.Of("r2") ^ (1L << 40));

        var summary = await IngestAsync(ExportFiles.Write(Inbox, "requests-1.jsonl", [ExportFiles.Request("r1", "a"), ExportFiles.Request("r2", "a")]));

        Assert.Equal((2L, 0L), (summary.Accepted, summary.Duplicates));
        Assert.Equal(["r1", "r2"], await Query(db => db.Requests.OrderBy(r => r.Seq).Select(r => r.RequestId).ToListAsync()));
    }

    [Fact]
    public async Task FindStored_KeyTakenByAnotherRequestId_IsNotADuplicate()
    {
        await IngestAsync(ExportFiles.Write(Inbox, "requests-1.jsonl", [ExportFiles.Request("r1", "a")]));
        var stored = await Query(db => db.Requests.SingleAsync());
        var store = _host.Services.GetRequiredService<IIngestStore>();

        var found = await store.FindStoredAsync(
        [
            new RequestProbe("r1", stored.Key, stored.Day, stored.AccountKey, stored.Timestamp),
            new RequestProbe("a-colliding-id", stored.Key, stored.Day, stored.AccountKey, stored.Timestamp),
            new RequestProbe("another-colliding-id", stored.Key, stored.Day, null, stored.Timestamp),
        ], default);

        Assert.Equal(["r1"], found);
    }

    [Fact]
    public async Task Ingest_RowsInArrivalOrder_CarryTheirUtcDay()
    {
        var path = ExportFiles.Write(Inbox, "requests-1.jsonl",
            [ExportFiles.Request("late", "a", ts: "2026-02-02T00:00:00Z"), ExportFiles.Request("early", "a", ts: "2026-02-01T23:59:59Z")]);

        await IngestAsync(path);

        var rows = await Query(db => db.Requests.OrderBy(r => r.Seq).Select(r => new { r.RequestId, r.Day }).ToListAsync());
        var day = (int)(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() / 86400);
        Assert.Equal([("late", day + 1), ("early", day)], rows.Select(r => (r.RequestId, r.Day)));
    }

    [Fact]
    public async Task Ingest_TrafficBeforeRegistry_CreatesPlaceholderThatRegistryFillsIn()
    {
        await IngestAsync(ExportFiles.Write(Inbox, "requests-early.jsonl", [ExportFiles.Request("r1", "acct_late"), ExportFiles.Request("r2", "acct_late")]));
        var placeholder = await Query(db => db.Accounts.AsNoTracking().SingleAsync(a => a.AccountId == "acct_late"));
        Assert.True(placeholder.IsPlaceholder);
        Assert.Null(placeholder.EmailDomain);

        var registry = await IngestAsync(ExportFiles.Write(Inbox, "accounts.jsonl", [ExportFiles.Account("acct_late", tier: "enterprise"), ExportFiles.Account("acct_late", tier: "tier2")]));

        Assert.Equal((1L, 1L), (registry.Accepted, registry.Duplicates));
        var filled = await Query(db => db.Accounts.AsNoTracking().SingleAsync(a => a.AccountId == "acct_late"));
        Assert.False(filled.IsPlaceholder);
        Assert.Equal(("example.com", Domain.Accounts.UsageTier.Tier2, 2L), (filled.EmailDomain, filled.Tier, filled.RequestCount));
    }

    [Fact]
    public async Task Register_SameBytesTwice_IsKnownTheSecondTimeWhateverTheName()
    {
        var lines = new[] { ExportFiles.Request("r1", "a") };
        var ledger = _host.Services.GetRequiredService<IngestLedger>();

        var (first, firstKnown) = await ledger.RegisterAsync(ExportFiles.Write(Inbox, "requests-a.jsonl", lines), "test", default);
        var (second, secondKnown) = await ledger.RegisterAsync(ExportFiles.Write(Inbox, "requests-copy.jsonl", lines), "test", default);

        Assert.False(firstKnown);
        Assert.True(secondKnown);
        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task Register_NameThatIsNoExport_FailsWithClearMessage()
    {
        var path = ExportFiles.Write(Inbox, "traffic.csv", ["a,b"]);

        var error = await Assert.ThrowsAsync<IngestInputException>(() => _host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default));

        Assert.Contains("not an export file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_TruncatedGzip_KeepsCompleteLinesAndReportsOneRejection()
    {
        var path = ExportFiles.Write(Inbox, "requests-cut.jsonl.gz", Enumerable.Range(1, 400).Select(i => ExportFiles.Request($"r{i}", "a", prompt: $"Question number {i} about tides")));
        var bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes[..(bytes.Length * 2 / 3)]);

        var summary = await IngestAsync(path);

        Assert.Equal(IngestStatus.Completed, summary.Status);
        Assert.Equal(1, summary.Rejected);
        Assert.InRange(summary.Accepted, 1, 399);
        Assert.Equal(summary.Accepted, await Query(db => db.Requests.CountAsync()));
        Assert.Equal("TruncatedInput", await Query(db => db.QuarantinedLines.Select(q => q.Reason).SingleAsync()));
    }

    [Fact]
    public async Task Ingest_ManyPrompts_KeepsBoundedEvidenceAndConsistentRollups()
    {
        var lines = Enumerable.Range(0, 40).Select(i => ExportFiles.Request($"r{i}", "busy", ts: $"2026-02-01T{i % 24:D2}:00:00Z",
            ip: $"203.0.113.{i % 7}", prompt: $"Think step by step and show all your reasoning for problem {i}"));

        await IngestAsync(ExportFiles.Write(Inbox, "requests-busy.jsonl", lines));

        var account = await Query(db => db.Accounts.AsNoTracking().SingleAsync(a => a.AccountId == "busy"));
        Assert.Equal((40L, 40L), (account.RequestCount, account.PromptsSeen));
        Assert.Equal(5, await Query(db => db.PromptSamples.CountAsync(s => s.AccountKey == account.Key)));
        Assert.Equal(40, await Query(db => db.ActivityHours.SumAsync(h => h.Requests)));
        Assert.Equal(40 * 400L, await Query(db => db.ActivityHours.SumAsync(h => h.OutputTokens)));
        Assert.Equal(7, await Query(db => db.AccountAddresses.CountAsync(a => a.AccountKey == account.Key)));
        Assert.All(await Query(db => db.Requests.Select(r => r.Traits).ToListAsync()),
            t => Assert.True(((Detection.Features.PromptTraits)t).HasFlag(Detection.Features.PromptTraits.ChainOfThought)));
    }

    [Fact]
    public async Task Ingest_Starting_IsOnTheLiveBoardBeforeItsFirstBatchCommits()
    {
        var path = ExportFiles.Write(Inbox, "requests-start.jsonl", Enumerable.Range(1, 5).Select(i => ExportFiles.Request($"s{i}", "acct1")));
        var (file, _) = await _host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        var board = _host.Services.GetRequiredService<IngestProgressBoard>();
        var reports = new List<(IngestProgress Report, bool OnBoard)>();
        var progress = new SynchronousProgress(p => reports.Add((p, board.Running.Any(r => r.FileId == file.Id))));

        await _host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, progress, default);

        // The ledger says Running before the first batch: so does the board, at 0 % and no lines yet.
        Assert.Equal((0d, 0L, false, true), (reports[0].Report.Fraction, reports[0].Report.LinesRead, reports[0].Report.Finished, reports[0].OnBoard));
        Assert.Equal((1d, 5L, true), (reports[^1].Report.Fraction, reports[^1].Report.LinesRead, reports[^1].Report.Finished));
        Assert.Empty(board.Running);
    }

    [Fact]
    public async Task Ingest_InterruptedAfterSomeBatches_ResumesWithoutLosingOrDoublingLines()
    {
        var path = ExportFiles.Write(Inbox, "requests-long.jsonl", Enumerable.Range(1, 31).Select(i => ExportFiles.Request($"r{i}", $"acct{i % 4}")));
        var (file, _) = await _host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        using var stop = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.LinesRead >= 9) { stop.Cancel(); } });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, progress, stop.Token));
        var interrupted = await Query(db => db.IngestFiles.AsNoTracking().SingleAsync(f => f.Id == file.Id));
        Assert.Equal(IngestStatus.Running, interrupted.Status);
        Assert.InRange(interrupted.CheckpointLine, 9, 30);
        Assert.Equal([file.Id], await _host.Services.GetRequiredService<IngestLedger>().UnfinishedAsync(default));
        // The ledger keeps it for the next attempt; the live board does not show it running on.
        Assert.Empty(_host.Services.GetRequiredService<IngestProgressBoard>().Running);

        var resumed = await _host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);

        Assert.Equal((IngestStatus.Completed, 31L, 31L, 0L), (resumed.Status, resumed.LinesRead, resumed.Accepted, resumed.Duplicates));
        Assert.Equal(31, await Query(db => db.Requests.CountAsync()));
        Assert.Equal(31, await Query(db => db.ActivityHours.SumAsync(h => h.Requests)));
        Assert.Equal(31L, await Query(db => db.Accounts.SumAsync(a => a.RequestCount)));
    }

    [Fact]
    public async Task Ingest_FilesWhileAReaderHoldsAnOldSnapshot_StoresEveryLineAndTheReaderKeepsItsView()
    {
        // A page's long read keeps its snapshot: the checkpoint at each file's end cannot copy past it, and the ingest
        // must neither wait for it nor lose anything.
        var settings = _host.Services.GetRequiredService<DatabaseSettings>();
        await using var reader = new Microsoft.Data.Sqlite.SqliteConnection(settings.ConnectionString);
        await reader.OpenAsync();
        await using var snapshot = reader.BeginTransaction(deferred: true);
        await using var count = reader.CreateCommand();
        count.CommandText = """SELECT count(*) FROM "Requests" """;
        count.Transaction = snapshot;
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);

        for (var f = 0; f < 3; f++)
        {
            var summary = await IngestAsync(ExportFiles.Write(Inbox, $"requests-{f}.jsonl",
                Enumerable.Range(0, 10).Select(i => ExportFiles.Request($"f{f}r{i}", $"acct{i % 3}", ip: $"198.51.100.{f * 10 + i}"))));
            Assert.Equal((IngestStatus.Completed, 10L), (summary.Status, summary.Accepted));
        }

        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        await snapshot.RollbackAsync();
        count.Transaction = null;
        Assert.Equal(30L, (long)(await count.ExecuteScalarAsync())!);
        Assert.Equal(30, await Query(db => db.ActivityHours.SumAsync(h => h.Requests)));
        Assert.Equal(30, await Query(db => db.AccountAddresses.CountAsync()));
    }

    private async Task<IngestFileSummary> IngestAsync(string path)
    {
        var (file, _) = await _host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        return await _host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);
    }

    private Task<T> Query<T>(Func<InvestigationConsoleDbContext, Task<T>> query) =>
        _host.InScopeAsync(s => query(s.GetRequiredService<InvestigationConsoleDbContext>()));
}

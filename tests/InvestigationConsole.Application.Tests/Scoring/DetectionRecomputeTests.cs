using System.Globalization;
using System.Text.Json.Nodes;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Tests.Ingestion;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>Full and incremental recomputes against the small scenario, ingested for real; the tests run in order on one database.</summary>
[TestCaseOrderer("InvestigationConsole.Application.Tests.Scoring.DeclarationOrderer", "InvestigationConsole.Application.Tests")]
public sealed class DetectionRecomputeTests(IngestedScenario scenario) : IClassFixture<IngestedScenario>
{
    private static DetectionRunSummary? _full;

    [Fact, Order(1)]
    public async Task FullRun_AfterIngest_StoresAScoreForEveryAccountAndClusters()
    {
        // The week-long small scenario stays under the default flag threshold; a lower one gives flags to follow.
        await using (var scope = scenario.Host.Services.CreateAsyncScope())
        {
            var settings = DetectionSettings.Default with { Scoring = ScoringSettings.Default with { FlagThreshold = 20, MinCorroboratingFamilies = 2 } };
            await scope.ServiceProvider.GetRequiredService<DetectionSettingsCatalog>().SaveAsync(settings, "test threshold", "admin@test", default);
        }

        _full = await RunAsync(DetectionRunKind.Full);

        var accounts = await Query(db => db.Accounts.CountAsync());
        Assert.Equal(DetectionRunStatus.Completed, _full.Status);
        Assert.Equal((accounts, accounts), (_full.Accounts, _full.AccountsAnalysed));
        Assert.Equal(accounts, await Query(db => db.AccountRiskScores.CountAsync()));
        Assert.Equal(accounts, await Query(db => db.AccountAnalyses.CountAsync()));
        Assert.Equal(accounts, await Query(db => db.AccountScoreChanges.CountAsync()));
        Assert.True(_full.Flagged > 0, "the small scenario holds campaigns; some should be flagged");
        Assert.True(_full.Clusters > 0);
        Assert.Equal(_full.Clusters, await Query(db => db.Clusters.CountAsync()));
        Assert.Equal(await Query(db => db.Clusters.SumAsync(c => c.Size)), await Query(db => db.ClusterMembers.CountAsync()));
        var flagged = await Query(db => db.AccountRiskScores.Where(r => r.Flagged).ToListAsync());
        Assert.All(flagged, r => Assert.NotNull(r.FirstFlaggedAt));
        Assert.All(flagged, r => Assert.False(string.IsNullOrEmpty(r.TopSignals)));
        Assert.All(await Query(db => db.Clusters.Select(c => c.Id).ToListAsync()), id => Assert.StartsWith("CL-", id));
        Assert.Contains(_full.PhaseSeconds.Keys, k => k == "read");
        Assert.Equal(1, await Query(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ScoresRecomputed)));
        Assert.Equal(1, await Query(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ScoringSettingsChanged)));
        Assert.NotNull(await Query(db => db.DetectionRuns.Where(r => r.Id == _full.RunId).Select(r => r.SettingsVersionId).SingleAsync()));
    }

    [Fact, Order(2)]
    public async Task FullRun_Repeated_ChangesNothingAndWritesNoHistory()
    {
        var before = await Scores();
        var clusters = await Query(db => db.Clusters.Select(c => c.Id).OrderBy(id => id).ToListAsync());

        var again = await RunAsync(DetectionRunKind.Full);

        Assert.Equal(0, again.ScoreChanges);

        // Nothing changed, so every row still names the run that wrote it.
        Assert.Equal(before.Count, await Query(db => db.AccountRiskScores.CountAsync(r => r.RunId == _full!.RunId)));
        Assert.Equal(before, await Scores());
        Assert.Equal(clusters, await Query(db => db.Clusters.Select(c => c.Id).OrderBy(id => id).ToListAsync()));
        Assert.Equal(before.Count, await Query(db => db.AccountScoreChanges.CountAsync()));
    }

    [Fact, Order(3)]
    public async Task IncrementalRun_NothingIngested_ReadsNoRequestsAndMatchesFull()
    {
        var before = await Scores();

        var run = await RunAsync(DetectionRunKind.Incremental);

        Assert.Equal((0, 0L, 0), (run.AccountsAnalysed, run.RequestsRead, run.ScoreChanges));
        Assert.Equal(before, await Scores());
    }

    [Fact, Order(4)]
    public async Task IncrementalRun_AfterNewAccountIngested_ReadsOnlyThatAccountAndAgreesWithFull()
    {
        var lines = Enumerable.Range(0, 30).Select(i => ExportFiles.Request($"new-{i}", "acct_brand_new", ts: $"2026-02-26T10:{i:00}:00Z", model: "frontier-small-2"));
        var path = ExportFiles.Write(Path.Combine(scenario.Folder, "later"), "requests-late.jsonl", lines);
        var (file, _) = await scenario.Host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        await scenario.Host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);

        var incremental = await RunAsync(DetectionRunKind.Incremental);
        var afterIncremental = await Scores();
        var full = await RunAsync(DetectionRunKind.Full);

        Assert.Equal(1, incremental.AccountsAnalysed);
        Assert.Equal(30, incremental.RequestsRead);
        Assert.Equal(_full!.Accounts + 1, incremental.Accounts);
        Assert.True(incremental.ScoreChanges >= 1);
        Assert.Equal(0, full.ScoreChanges);
        Assert.Equal(afterIncremental, await Scores());
    }

    [Fact, Order(5)]
    public async Task IncrementalRun_AfterAnHourOfTrafficOfExistingAccounts_WritesWhatAFullRunWould()
    {
        // The scenario's last hour of traffic again, a day later under new request ids: existing accounts with new requests.
        var last = Directory.GetFiles(scenario.Folder, "requests*.jsonl").Order(StringComparer.Ordinal).Last();
        var rows = File.ReadLines(last).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();
        var end = rows.Max(r => DateTimeOffset.Parse((string)r["ts"]!, CultureInfo.InvariantCulture));
        var replay = rows.Where(r => DateTimeOffset.Parse((string)r["ts"]!, CultureInfo.InvariantCulture) > end.AddHours(-1)).Select(r =>
        {
            r["request_id"] = "replay-" + (string)r["request_id"]!;
            r["ts"] = DateTimeOffset.Parse((string)r["ts"]!, CultureInfo.InvariantCulture).AddDays(1).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            return r;
        }).ToList();
        var touched = replay.Select(r => (string)r["account_id"]!).Distinct().Count();
        var path = ExportFiles.Write(Path.Combine(scenario.Folder, "later"), "requests-replay.jsonl", replay.Select(r => r.ToJsonString()));
        var (file, _) = await scenario.Host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        await scenario.Host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);

        var incremental = await RunAsync(DetectionRunKind.Incremental);
        var afterIncremental = await Everything();
        var full = await RunAsync(DetectionRunKind.Full);
        var afterFull = await Everything();

        Assert.True(touched > 10, $"the last hour should touch several accounts, touched {touched}");
        Assert.Equal(touched, incremental.AccountsAnalysed);

        // Every touched account was active within the state window of the runs before: each is read from its state, which
        // the process still holds from the run before, as it holds every untouched account's analysis (ADR-007).
        Assert.Equal(((long)touched, 0L), (incremental.Counts[DetectionRunCounts.Resumed], incremental.Counts[DetectionRunCounts.ResumeFallbacks]));
        Assert.Equal((long)touched, incremental.Counts[DetectionRunCounts.StatesFromMemory]);
        Assert.Equal(incremental.Accounts - touched, incremental.Counts[DetectionRunCounts.FromMemory]);
        Assert.Equal(incremental.Accounts - touched, incremental.Counts[DetectionRunCounts.ScoresKept]);

        // The link graph reused the last run's links of the accounts the touched ones share no changed key with (the rows
        // below are the full run's all the same).
        Assert.InRange(incremental.Counts[DetectionRunCounts.LinksRelinked], 1, incremental.Accounts - touched);
        Assert.True(incremental.Counts.ContainsKey(DetectionRunCounts.ClustersReused), "the clustering should have read the last run's");
        Assert.Equal(replay.Count, incremental.RequestsRead);
        Assert.True(incremental.ScoreChanges > 0);
        Assert.Equal(0, full.ScoreChanges);
        AssertSameRows(afterIncremental, afterFull);
        Assert.Equal(0, await Query(db => db.AccountRiskScores.CountAsync(r => r.RunId == full.RunId)));
    }

    [Fact, Order(6)]
    public async Task History_OnlyOnChange_KeepsFirstFlaggedAcrossRuns()
    {
        var firstFlagged = await Query(db => db.AccountRiskScores.Where(r => r.Flagged).Select(r => new { r.AccountKey, r.FirstFlaggedAt, r.RunId }).ToListAsync());
        var perAccount = await Query(db => db.AccountScoreChanges.GroupBy(c => c.AccountKey).Select(g => g.Count()).ToListAsync());
        var lastChange = await Query(db => db.AccountScoreChanges.GroupBy(c => c.AccountKey).Select(g => new { g.Key, RunId = g.Max(c => c.RunId) }).ToDictionaryAsync(c => c.Key, c => c.RunId));

        Assert.All(perAccount, count => Assert.InRange(count, 1, 3));

        // A score row names the run that last changed it: at least the run of its latest history entry.
        Assert.All(firstFlagged, r => Assert.True(r.RunId >= lastChange[r.AccountKey], $"account {r.AccountKey}: row of run {r.RunId}, history of run {lastChange[r.AccountKey]}"));
        Assert.All(firstFlagged, r => Assert.NotNull(r.FirstFlaggedAt));
        var runs = await Query(db => db.DetectionRuns.OrderBy(r => r.Id).Select(r => r.Status).ToListAsync());
        Assert.All(runs, status => Assert.Equal(DetectionRunStatus.Completed, status));
    }

    [Fact, Order(7)]
    public async Task IncrementalRun_AnalysesStoredInAnOlderLayout_ReReadsThoseAccountsAndChangesNothing()
    {
        var before = await Everything();
        var keys = await Query(db => db.AccountAnalyses.OrderBy(a => a.AccountKey).Select(a => a.AccountKey).Take(5).ToListAsync());

        // As an older build left them: another basis (the layout is part of it) and bytes this layout does not read.
        await Query(db => db.AccountAnalyses.Where(a => keys.Contains(a.AccountKey))
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Basis, 42L).SetProperty(a => a.Data, new byte[] { 0x1B, 0x2A, 0x00 })));

        // A newly started process: what it knows comes from the store.
        scenario.Host.Services.GetRequiredService<ResidentAnalyses>().Forget();

        var run = await RunAsync(DetectionRunKind.Incremental);
        var after = await Everything();

        Assert.Equal((keys.Count, 0), (run.AccountsAnalysed, run.ScoreChanges));
        Assert.Equal(before.Scores, after.Scores);
        Assert.Equal(before.Clusters, after.Clusters);
        Assert.Equal(before.Members, after.Members);
        Assert.Equal(before.Links, after.Links);
        Assert.All(await Query(db => db.AccountAnalyses.Where(a => keys.Contains(a.AccountKey)).Select(a => a.Data).ToListAsync()),
            data => Assert.True(AnalysisCodec.IsCurrent(data)));
    }

    [Fact, Order(8)]
    public async Task IncrementalRun_StatesThatCannotBeResumed_ReadsThoseAccountsInFullAndWritesWhatAFullRunWould()
    {
        var candidates = await Query(db => db.AccountAnalysisStates.Join(db.Accounts, s => s.AccountKey, a => a.Key, (s, a) => new { a.Key, a.AccountId, a.LastRequestAt })
            .Where(a => a.LastRequestAt != null).OrderByDescending(a => a.LastRequestAt).ThenBy(a => a.Key).Take(6).ToListAsync());
        Assert.Equal(6, candidates.Count);
        string At(DateTimeOffset? at, double minutes) => at!.Value.AddMinutes(minutes).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var (counted, early, damaged, missing, oldBasis, resumable) = (candidates[0], candidates[1], candidates[2], candidates[3], candidates[4], candidates[5]);
        var lines = new[]
        {
            ExportFiles.Request("fb-1", counted.AccountId, At(counted.LastRequestAt, 1)), ExportFiles.Request("fb-2", counted.AccountId, At(counted.LastRequestAt, 2)),
            ExportFiles.Request("fb-3", early.AccountId, At(early.LastRequestAt, -30)), ExportFiles.Request("fb-4", early.AccountId, At(early.LastRequestAt, 5)),
            ExportFiles.Request("fb-5", damaged.AccountId, At(damaged.LastRequestAt, 1)),
            ExportFiles.Request("fb-6", missing.AccountId, At(missing.LastRequestAt, 1)),
            ExportFiles.Request("fb-7", oldBasis.AccountId, At(oldBasis.LastRequestAt, 1)),
            ExportFiles.Request("fb-8", resumable.AccountId, At(resumable.LastRequestAt, 0)), ExportFiles.Request("fb-9", resumable.AccountId, At(resumable.LastRequestAt, 3)),
        };
        var path = ExportFiles.Write(Path.Combine(scenario.Folder, "later"), "requests-fallbacks.jsonl", lines);
        var (file, _) = await scenario.Host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        await scenario.Host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);

        // One of two new requests hidden below the state's mark (a count that disagrees), a damaged state, none, another basis.
        var lastOfCounted = await Query(db => db.Requests.Where(r => r.AccountKey == counted.Key).MaxAsync(r => r.Seq));
        await Query(db => db.AccountAnalysisStates.Where(s => s.AccountKey == counted.Key).ExecuteUpdateAsync(set => set.SetProperty(s => s.ThroughSeq, lastOfCounted - 1)));
        var data = await Query(db => db.AccountAnalysisStates.Where(s => s.AccountKey == damaged.Key).Select(s => s.Data).SingleAsync());
        data[^3] ^= 0x5A;
        await Query(db => db.AccountAnalysisStates.Where(s => s.AccountKey == damaged.Key).ExecuteUpdateAsync(set => set.SetProperty(s => s.Data, data)));
        await Query(db => db.AccountAnalysisStates.Where(s => s.AccountKey == missing.Key).ExecuteDeleteAsync());
        await Query(db => db.AccountAnalysisStates.Where(s => s.AccountKey == oldBasis.Key).ExecuteUpdateAsync(set => set.SetProperty(s => s.Basis, 42L)));

        // The resumable account's state as an earlier run would have left it (a mark just after its last old request, below
        // the others'): its new rows are read in segments, one of them shared with the other marks.
        var markOfResumable = await Query(db => db.AccountAnalysisStates.Where(s => s.AccountKey == resumable.Key).Select(s => s.ThroughSeq).SingleAsync());
        var lastOldOfResumable = await Query(db => db.Requests.Where(r => r.AccountKey == resumable.Key && r.Seq <= markOfResumable).MaxAsync(r => r.Seq));
        Assert.True(lastOldOfResumable < markOfResumable);
        await Query(db => db.AccountAnalysisStates.Where(s => s.AccountKey == resumable.Key).ExecuteUpdateAsync(set => set.SetProperty(s => s.ThroughSeq, lastOldOfResumable)));

        // A newly started process: the states come from the store.
        scenario.Host.Services.GetRequiredService<ResidentAnalyses>().Forget();

        var incremental = await RunAsync(DetectionRunKind.Incremental);
        var afterIncremental = await Everything();
        var full = await RunAsync(DetectionRunKind.Full);
        var afterFull = await Everything();

        Assert.Equal(6, incremental.AccountsAnalysed);
        Assert.Equal((1L, 3L), (incremental.Counts[DetectionRunCounts.Resumed], incremental.Counts[DetectionRunCounts.ResumeFallbacks]));
        Assert.Equal(0, full.ScoreChanges);
        AssertSameRows(afterIncremental, afterFull);

        // The full run dropped the states of another basis and stored one for the account that had none (it is active within the window).
        var newest = await Query(db => db.Accounts.MaxAsync(a => a.LastRequestAt));
        Assert.True(missing.LastRequestAt >= newest!.Value.AddHours(-3));
        Assert.Equal(0, await Query(db => db.AccountAnalysisStates.CountAsync(s => s.Basis == 42L)));
        Assert.Equal(1, await Query(db => db.AccountAnalysisStates.CountAsync(s => s.AccountKey == missing.Key)));
    }

    [Fact, Order(9)]
    public async Task IncrementalRun_AfterAnotherProcessRan_TakesWhatThatRunStoredForTheAccountsItChanged()
    {
        var active = await Query(db => db.AccountAnalysisStates.Join(db.Accounts, s => s.AccountKey, a => a.Key, (s, a) => new { a.Key, a.AccountId, a.LastRequestAt })
            .OrderByDescending(a => a.LastRequestAt).ThenBy(a => a.Key).Take(3).ToListAsync());
        var lines = active.Select((a, k) => ExportFiles.Request($"other-{k}", a.AccountId,
            a.LastRequestAt!.Value.AddMinutes(2).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)));
        var path = ExportFiles.Write(Path.Combine(scenario.Folder, "later"), "requests-other-process.jsonl", lines);
        var (file, _) = await scenario.Host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        await scenario.Host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);

        // Another process (the CLI beside the web app) analyses the new traffic and stores it; this process's memory still
        // holds the three accounts as they were before.
        DetectionRunSummary other;
        await using (var scope = scenario.Host.Services.CreateAsyncScope())
        {
            other = await ActivatorUtilities.CreateInstance<DetectionRecompute>(scope.ServiceProvider, new ResidentAnalyses())
                .RunAsync(DetectionRunKind.Incremental, "other process", null, default);
        }

        var afterOther = await Everything();
        var incremental = await RunAsync(DetectionRunKind.Incremental);
        var afterIncremental = await Everything();
        var full = await RunAsync(DetectionRunKind.Full);

        Assert.Equal((3, 0L), (other.AccountsAnalysed, other.Counts[DetectionRunCounts.FromMemory]));
        Assert.Equal((0, 0, 0L), (incremental.AccountsAnalysed, incremental.ScoreChanges, incremental.RequestsRead));
        Assert.Equal(incremental.Accounts - 3, incremental.Counts[DetectionRunCounts.FromMemory]);
        AssertSameRows(afterOther, afterIncremental);
        Assert.Equal(0, full.ScoreChanges);
        AssertSameRows(afterIncremental, await Everything());
    }

    [Fact, Order(10)]
    public async Task Runs_KeepNothingInMemoryWhenTurnedOff_ReadEverythingFromTheStore()
    {
        var before = await Everything();
        DetectionRunSummary first, second;
        await using (var scope = scenario.Host.Services.CreateAsyncScope())
        {
            var resident = new ResidentAnalyses();
            var off = Microsoft.Extensions.Options.Options.Create(new DetectionRunOptions { KeepAnalysesInMemory = false });
            var recompute = ActivatorUtilities.CreateInstance<DetectionRecompute>(scope.ServiceProvider, resident, off);
            first = await recompute.RunAsync(DetectionRunKind.Incremental, "test", null, default);
            Assert.Equal(0, resident.Count);
            second = await recompute.RunAsync(DetectionRunKind.Incremental, "test", null, default);
            Assert.Equal(0, resident.Count);
        }

        Assert.Equal((0L, 0L), (first.Counts[DetectionRunCounts.FromMemory], second.Counts[DetectionRunCounts.FromMemory]));
        Assert.Equal((0, 0), (first.AccountsAnalysed, second.AccountsAnalysed));
        AssertSameRows(before, await Everything());
    }

    [Fact, Order(11)]
    public async Task IncrementalRuns_OfAProcessHoldingTheStates_LeaveTheStoredOnesForAFreshProcessToResumeFrom()
    {
        var full = await RunAsync(DetectionRunKind.Full);
        var active = await Query(db => db.AccountAnalysisStates.Join(db.Accounts, s => s.AccountKey, a => a.Key, (s, a) => new { a.Key, a.AccountId, a.LastRequestAt, s.ThroughSeq })
            .OrderByDescending(a => a.LastRequestAt).ThenBy(a => a.Key).Take(4).ToListAsync());
        var keys = active.Select(a => a.Key).ToArray();
        var marks = active.ToDictionary(a => a.Key, a => a.ThroughSeq);

        // Two batches of a few requests: the first analysed by this process (which keeps the newer states in memory and
        // leaves the stored ones), the second by a process started afresh (from the stored states, reading both batches).
        await IngestAsync("requests-held-1.jsonl", active.Select((a, k) => ExportFiles.Request($"held-1-{k}", a.AccountId, At(a.LastRequestAt, 1))));
        var warm = await RunAsync(DetectionRunKind.Incremental);
        var storedAfterWarm = await Query(db => db.AccountAnalysisStates.Where(s => keys.Contains(s.AccountKey)).ToDictionaryAsync(s => s.AccountKey, s => s.ThroughSeq));
        await IngestAsync("requests-held-2.jsonl", active.Select((a, k) => ExportFiles.Request($"held-2-{k}", a.AccountId, At(a.LastRequestAt, 2))));
        scenario.Host.Services.GetRequiredService<ResidentAnalyses>().Forget();
        var fresh = await RunAsync(DetectionRunKind.Incremental);
        var afterFresh = await Everything();
        var check = await RunAsync(DetectionRunKind.Full);

        Assert.Equal((4, 4L, 4L, 0L), (warm.AccountsAnalysed, warm.Counts[DetectionRunCounts.Resumed], warm.Counts[DetectionRunCounts.StatesFromMemory], warm.Counts[DetectionRunCounts.StatesStored]));
        Assert.Equal(marks, storedAfterWarm);
        Assert.Equal((4, 4L, 0L, 0L), (fresh.AccountsAnalysed, fresh.Counts[DetectionRunCounts.Resumed], fresh.Counts[DetectionRunCounts.ResumeFallbacks], fresh.Counts[DetectionRunCounts.StatesFromMemory]));
        Assert.Equal(0L, fresh.Counts[DetectionRunCounts.StatesPreloaded]); // only a warm-up brings untouched states into memory
        Assert.Equal(8, fresh.RequestsRead);
        Assert.Equal(0, check.ScoreChanges);
        AssertSameRows(afterFresh, await Everything());
        Assert.Equal(0, full.ScoreChanges);

        static string At(DateTimeOffset? at, double minutes) => at!.Value.AddMinutes(minutes).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
    }

    [Fact, Order(12)]
    public async Task WarmUp_OfAFreshProcess_HoldsTheUntouchedAccountsStatesSoTheNextRunReadsOnlyItsOwnRequests()
    {
        await RunAsync(DetectionRunKind.Full);
        var active = await Query(db => db.AccountAnalysisStates.Join(db.Accounts, s => s.AccountKey, a => a.Key, (s, a) => new { a.Key, a.AccountId, a.LastRequestAt })
            .OrderByDescending(a => a.LastRequestAt).ThenBy(a => a.Key).Take(4).ToListAsync());
        var resident = scenario.Host.Services.GetRequiredService<ResidentAnalyses>();

        // This process analyses a first batch and keeps the newer states in memory; the stored ones stay a request behind.
        await IngestAsync("requests-preload-1.jsonl", active.Select((a, k) => ExportFiles.Request($"preload-1-{k}", a.AccountId, At(a.LastRequestAt, 1))));
        await RunAsync(DetectionRunKind.Incremental);

        // A process started afresh warms up: nothing is touched, and the window's stored states are brought up to date in memory.
        resident.Forget();
        var beforeWarm = await Everything();
        var warm = await WarmUpAsync();
        var afterWarm = await Everything();
        await IngestAsync("requests-preload-2.jsonl", active.Select((a, k) => ExportFiles.Request($"preload-2-{k}", a.AccountId, At(a.LastRequestAt, 2))));
        var next = await RunAsync(DetectionRunKind.Incremental);
        var afterNext = await Everything();
        var again = await WarmUpAsync();
        var check = await RunAsync(DetectionRunKind.Full);

        Assert.NotNull(warm);
        var windowStates = await Query(db => db.AccountAnalysisStates.CountAsync());
        Assert.Equal((DetectionRecompute.WarmUpTrigger, 0, 0, 4L), (warm.Trigger, warm.AccountsAnalysed, warm.ScoreChanges, warm.RequestsRead));
        Assert.InRange(warm.Counts[DetectionRunCounts.StatesPreloaded], 4, windowStates);
        AssertSameRows(beforeWarm, afterWarm);
        Assert.Equal((4, 4L, 4L, 4L), (next.AccountsAnalysed, next.Counts[DetectionRunCounts.Resumed], next.Counts[DetectionRunCounts.StatesFromMemory], next.RequestsRead));
        Assert.Equal(0L, next.Counts[DetectionRunCounts.StatesPreloaded]);
        Assert.Null(again);
        Assert.Equal(0, check.ScoreChanges);
        AssertSameRows(afterNext, await Everything());

        // No warm-up while a run is queued: that run fills the memory.
        resident.Forget();
        await using var scope = scenario.Host.Services.CreateAsyncScope();
        var recompute = scope.ServiceProvider.GetRequiredService<DetectionRecompute>();
        var queued = await recompute.QueueAsync(DetectionRunKind.Incremental, "test");
        Assert.Null(await recompute.WarmUpAsync(default));
        Assert.Equal(DetectionRunStatus.Completed, (await recompute.RunQueuedAsync(queued, null, default)).Status);

        static string At(DateTimeOffset? at, double minutes) => at!.Value.AddMinutes(minutes).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
    }

    private async Task<DetectionRunSummary?> WarmUpAsync()
    {
        await using var scope = scenario.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DetectionRecompute>().WarmUpAsync(default);
    }

    private async Task IngestAsync(string name, IEnumerable<string> lines)
    {
        var path = ExportFiles.Write(Path.Combine(scenario.Folder, "later"), name, lines);
        var (file, _) = await scenario.Host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        await scenario.Host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);
    }

    private async Task<DetectionRunSummary> RunAsync(DetectionRunKind kind)
    {
        await using var scope = scenario.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DetectionRecompute>().RunAsync(kind, "test", null, default);
    }

    private Task<List<(int, double, bool, string?)>> Scores() => Query(db => db.AccountRiskScores.OrderBy(r => r.AccountKey)
        .Select(r => new { r.AccountKey, r.Score, r.Flagged, r.ClusterId }).ToListAsync()
        .ContinueWith(t => t.Result.Select(r => (r.AccountKey, r.Score, r.Flagged, r.ClusterId)).ToList(), TaskScheduler.Default));

    /// <summary>Every row a run writes, as text, without the run id and time of score rows (they say which run last changed a row).</summary>
    /// <summary>Every row a run writes is the same in both states of the database.</summary>
    private static void AssertSameRows(
        (List<string> Scores, List<string> Clusters, List<string> Members, List<string> Links, List<string> Analyses) expected,
        (List<string> Scores, List<string> Clusters, List<string> Members, List<string> Links, List<string> Analyses) actual)
    {
        Assert.Equal(expected.Scores, actual.Scores);
        Assert.Equal(expected.Clusters, actual.Clusters);
        Assert.Equal(expected.Members, actual.Members);
        Assert.Equal(expected.Links, actual.Links);
        Assert.Equal(expected.Analyses, actual.Analyses);
    }

    private async Task<(List<string> Scores, List<string> Clusters, List<string> Members, List<string> Links, List<string> Analyses)> Everything()
    {
        var analyses = await Query(db => db.AccountAnalyses.AsNoTracking().OrderBy(a => a.AccountKey).ToListAsync());
        var scores = await Query(db => db.AccountRiskScores.AsNoTracking().OrderBy(r => r.AccountKey).ToListAsync());
        var clusters = await Query(db => db.Clusters.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
        var members = await Query(db => db.ClusterMembers.AsNoTracking().OrderBy(m => m.AccountKey).ToListAsync());
        var links = await Query(db => db.ClusterLinks.AsNoTracking().OrderBy(l => l.AccountKey).ThenBy(l => l.OtherAccountKey).ToListAsync());
        return (
            scores.Select(r => FormattableString.Invariant($"{r.AccountKey} {r.Score:R} {r.Flagged} {r.ScoreBeforeCluster:R} {r.ClusterId} {r.TopSignals} {r.SignalsJson} {r.CorroboratingFamilies} {r.FirstFlaggedAt:O} {r.ContentHash}")).ToList(),
            clusters.Select(c => FormattableString.Invariant($"{c.Id} {c.Risk:R} {c.Size} {c.IsCampaign} {c.DominantLinkTypes} {c.SharedAttributesJson} {c.Description} {c.FirstActivityAt:O} {c.LastActivityAt:O}")).ToList(),
            members.Select(m => FormattableString.Invariant($"{m.AccountKey} {m.ClusterId}")).ToList(),
            links.Select(l => FormattableString.Invariant($"{l.AccountKey} {l.OtherAccountKey} {l.Weight:R} {l.IsStrong} {l.EvidenceJson}")).ToList(),
            analyses.Select(a => FormattableString.Invariant($"{a.AccountKey} {a.Stamp} {a.Basis} {Convert.ToHexString(a.Data)}")).ToList());
    }

    private Task<T> Query<T>(Func<InvestigationConsoleDbContext, Task<T>> query) =>
        scenario.Host.InScopeAsync(s => query(s.GetRequiredService<InvestigationConsoleDbContext>()));
}

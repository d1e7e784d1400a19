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
    public async Task History_OnlyOnChange_KeepsFirstFlaggedAcrossRuns()
    {
        var firstFlagged = await Query(db => db.AccountRiskScores.Where(r => r.Flagged).Select(r => new { r.AccountKey, r.FirstFlaggedAt, r.RunId }).ToListAsync());
        var perAccount = await Query(db => db.AccountScoreChanges.GroupBy(c => c.AccountKey).Select(g => g.Count()).ToListAsync());

        Assert.All(perAccount, count => Assert.InRange(count, 1, 2));
        Assert.All(firstFlagged, r => Assert.NotEqual(r.RunId, _full!.RunId));
        Assert.All(firstFlagged, r => Assert.NotNull(r.FirstFlaggedAt));
        var runs = await Query(db => db.DetectionRuns.OrderBy(r => r.Id).Select(r => r.Status).ToListAsync());
        Assert.All(runs, status => Assert.Equal(DetectionRunStatus.Completed, status));
    }

    private async Task<DetectionRunSummary> RunAsync(DetectionRunKind kind)
    {
        await using var scope = scenario.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DetectionRecompute>().RunAsync(kind, "test", null, default);
    }

    private Task<List<(int, double, bool, string?)>> Scores() => Query(db => db.AccountRiskScores.OrderBy(r => r.AccountKey)
        .Select(r => new { r.AccountKey, r.Score, r.Flagged, r.ClusterId }).ToListAsync()
        .ContinueWith(t => t.Result.Select(r => (r.AccountKey, r.Score, r.Flagged, r.ClusterId)).ToList(), TaskScheduler.Default));

    private Task<T> Query<T>(Func<InvestigationConsoleDbContext, Task<T>> query) =>
        scenario.Host.InScopeAsync(s => query(s.GetRequiredService<InvestigationConsoleDbContext>()));
}

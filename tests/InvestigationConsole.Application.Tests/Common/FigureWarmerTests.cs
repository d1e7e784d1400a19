using InvestigationConsole.Application.Clusters;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Infrastructure.Data;

namespace InvestigationConsole.Application.Tests.Common;

public sealed class FigureWarmerTests
{
    [Fact]
    public async Task WarmIfChanged_NewVersion_PreparesTheClusterPagesOnceUntilTheVersionMovesAgain()
    {
        await using var host = await TestHost.StartAsync();
        await SeedClustersAsync(host, count: 12);
        var warmer = host.Services.GetRequiredService<FigureWarmer>();

        var first = await warmer.WarmIfChangedAsync();
        var again = await warmer.WarmIfChangedAsync();

        Assert.NotNull(first);
        Assert.Null(again);
        // The dashboard's six campaigns plus the three largest clusters, which here are not among them.
        Assert.Equal(9, first.Clusters);
        // Rows removed behind the cache's back (the version does not move) prove the page answers from the warm-up.
        await ChangeAsync(host, db => db.ActivityHours.RemoveRange(db.ActivityHours));
        var largest = await host.Services.GetRequiredService<ClusterDossier>().LoadAsync("c-12");
        Assert.Equal(14 * 3, largest!.Timeline.Series.Sum(s => s.Requests.Sum()));

        await ChangeAsync(host, db => db.DetectionRuns.Add(new DetectionRun { Trigger = "test", Status = DetectionRunStatus.Completed, QueuedAt = DateTimeOffset.UtcNow }));

        var afterRun = await warmer.WarmIfChangedAsync();
        Assert.NotNull(afterRun);
        Assert.Equal(1, afterRun.Version.Run);
    }

    [Fact]
    public async Task WarmIfChanged_WhileAFileIsIngestingOrARunScores_WaitsForThemToFinish()
    {
        await using var host = await TestHost.StartAsync();
        await SeedClustersAsync(host, count: 2);
        var warmer = host.Services.GetRequiredService<FigureWarmer>();
        var ingest = host.Services.GetRequiredService<IngestProgressBoard>();
        var detection = host.Services.GetRequiredService<DetectionProgressBoard>();

        ingest.Report(new IngestProgress(1, "requests.jsonl", GatewayStreamKind.Requests, 0.5, 10, 10, 0, 0, 100, null, Finished: false));
        Assert.Null(await warmer.WarmIfChangedAsync());
        ingest.Report(new IngestProgress(1, "requests.jsonl", GatewayStreamKind.Requests, 1, 20, 20, 0, 0, 100, null, Finished: true));

        detection.Report(new DetectionProgress(1, DetectionRunKind.Incremental, DetectionPhase.Reading, 1, 2, TimeSpan.FromSeconds(1)));
        Assert.Null(await warmer.WarmIfChangedAsync());
        detection.Report(new DetectionProgress(1, DetectionRunKind.Incremental, DetectionPhase.Finished, 2, 2, TimeSpan.FromSeconds(2)));

        Assert.NotNull(await warmer.WarmIfChangedAsync());
    }

    /// <summary>Clusters c-1..c-N: the first half campaigns riskiest first, the rest benign and the larger the later.</summary>
    private static Task<int> SeedClustersAsync(TestHost host, int count) => ChangeAsync(host, db =>
    {
        var now = DateTimeOffset.UtcNow;
        var key = 0;
        for (var i = 1; i <= count; i++)
        {
            var campaign = i <= count / 2 + 1;
            var size = campaign ? 2 : 2 + i;
            db.Clusters.Add(new Cluster { Id = $"c-{i}", Risk = 1 - (i / 100.0), Size = size, IsCampaign = campaign, DominantLinkTypes = "Payment ×1", SharedAttributesJson = "[]", Description = "test" });
            for (var m = 0; m < size; m++)
            {
                key++;
                db.Accounts.Add(new Account { Key = key, AccountId = $"a-{key}", Tier = UsageTier.Free, RequestCount = 10, CreatedAt = now });
                db.ClusterMembers.Add(new ClusterMember { AccountKey = key, ClusterId = $"c-{i}" });
                db.ActivityHours.Add(new AccountActivityHour { AccountKey = key, Hour = 500_000, ModelId = 1, Requests = 3 });
            }
        }
    });

    private static Task<int> ChangeAsync(TestHost host, Action<InvestigationConsoleDbContext> change) => host.InScopeAsync(async s =>
    {
        var db = s.GetRequiredService<InvestigationConsoleDbContext>();
        change(db);
        return await db.SaveChangesAsync();
    });
}

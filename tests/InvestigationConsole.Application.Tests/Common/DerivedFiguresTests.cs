using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Common;

public sealed class DerivedFiguresTests
{
    [Fact]
    public async Task Version_BatchesOfARunningFile_MoveItOnlyWhenTheFileFinishes()
    {
        await using var host = await TestHost.StartAsync();
        var empty = await VersionAsync(host);
        await ChangeAsync(host, db => db.IngestFiles.Add(new IngestFile
        {
            FileName = "a.jsonl", Path = "/in/a.jsonl", Sha256 = "aa", Source = "test", Status = IngestStatus.Running, Accepted = 500, QueuedAt = DateTimeOffset.UtcNow,
        }));
        Assert.Equal(empty, await VersionAsync(host));

        await ChangeAsync(host, db => db.IngestFiles.ExecuteUpdate(set => set.SetProperty(f => f.Status, IngestStatus.Completed).SetProperty(f => f.Accepted, 900)));

        Assert.Equal(new DataVersion(0, 1, 900), await VersionAsync(host));
    }

    [Fact]
    public async Task Version_RunsThatFailOrAreRunning_DoNotMoveIt()
    {
        await using var host = await TestHost.StartAsync();
        foreach (var status in new[] { DetectionRunStatus.Completed, DetectionRunStatus.Failed, DetectionRunStatus.Running })
        {
            await ChangeAsync(host, db => db.DetectionRuns.Add(new DetectionRun { Trigger = "test", Status = status, QueuedAt = DateTimeOffset.UtcNow }));
        }

        Assert.Equal(1, (await VersionAsync(host)).Run);
    }

    [Fact]
    public async Task Get_SameVersion_ReadsOnceAndANewerVersionReadsAgain()
    {
        await using var host = await TestHost.StartAsync();
        var figures = await host.InScopeAsync(s => Task.FromResult(s.GetRequiredService<DerivedFigures>()));
        var reads = 0;
        Task<string> Read(CancellationToken _) => Task.FromResult($"read {++reads}");

        var first = await figures.GetAsync("figure", new DataVersion(1, 0, 0), Read);
        var again = await figures.GetAsync("figure", new DataVersion(1, 0, 0), Read);
        var newer = await figures.GetAsync("figure", new DataVersion(2, 0, 0), Read);

        Assert.Equal(("read 1", "read 1", "read 2"), (first, again, newer));
    }

    private static Task<DataVersion> VersionAsync(TestHost host) =>
        host.InScopeAsync(s => DerivedFigures.VersionAsync(s.GetRequiredService<InvestigationConsoleDbContext>()));

    private static Task<int> ChangeAsync(TestHost host, Action<InvestigationConsoleDbContext> change) => host.InScopeAsync(async s =>
    {
        var db = s.GetRequiredService<InvestigationConsoleDbContext>();
        change(db);
        return await db.SaveChangesAsync();
    });
}

using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Application.Triage;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Triage;

public sealed class TriageDashboardTests
{
    private const string Ana = "ana@corp.example";

    [Fact]
    public async Task Read_Scores_AreBandedWithFlaggedBandsAndFlaggedToday()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host,
            new ScoredAccount("a", 95), new ScoredAccount("b", 100), new ScoredAccount("c", 72),
            new ScoredAccount("d", 5, Flagged: false), new ScoredAccount("e", 9.99, Flagged: false));

        var view = await ReadAsync(host);

        Assert.Equal(5, view.ScoredAccounts);
        Assert.Equal([2, 0, 0, 0, 0, 0, 0, 1, 0, 2], view.Distribution.Select(b => b.Accounts));
        Assert.Equal([false, false, false, false, false, false, false, true, false, true], view.Distribution.Select(b => b.Flagged));
        Assert.Equal(TriageDashboard.Days, view.FlaggedPerDay.Count);
        Assert.Equal(3, view.FlaggedPerDay.Sum(d => d.Accounts));
        Assert.Equal(100 + 200 + 300 + 400 + 500, view.Ingest.RequestsStored);
    }

    [Fact]
    public async Task Read_ScoresChangeBeforeTheRunCompletes_ShowsTheLastRunUntilItDoes()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("a", 95), new ScoredAccount("b", 20, Flagged: false));
        Assert.Equal(1, (await ReadAsync(host)).Distribution[9].Accounts);

        await host.InScopeAsync(s => s.GetRequiredService<InvestigationConsoleDbContext>().AccountRiskScores
            .Where(r => r.Score > 90).ExecuteUpdateAsync(set => set.SetProperty(r => r.Score, 45.0)));
        Assert.Equal(1, (await ReadAsync(host)).Distribution[9].Accounts);

        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            db.DetectionRuns.Add(new DetectionRun { Kind = DetectionRunKind.Full, Trigger = "test", Status = DetectionRunStatus.Completed, QueuedAt = DateTimeOffset.UtcNow, FinishedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        var view = await ReadAsync(host);
        Assert.Equal(0, view.Distribution[9].Accounts);
        Assert.Equal(1, view.Distribution[4].Accounts);
    }

    [Fact]
    public async Task Read_ClaimAfterTheFiguresAreCached_CountsItImmediately()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("a", 95), new ScoredAccount("b", 80));
        Assert.Equal(0, (await ReadAsync(host)).Queue[QueueScope.Mine]);

        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("a", Ana));

        var view = await ReadAsync(host);
        Assert.Equal((1, 1), (view.Queue[QueueScope.Mine], view.Queue[QueueScope.Unclaimed]));
    }

    private static Task<DashboardView> ReadAsync(TestHost host) => host.InScopeAsync(s => s.GetRequiredService<TriageDashboard>().ReadAsync(Ana));
}

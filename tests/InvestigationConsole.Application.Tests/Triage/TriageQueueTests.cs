using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Application.Triage;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Triage;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Triage;

public sealed class TriageQueueTests
{
    private const string Ana = "ana@corp.example";
    private const string Ben = "ben@corp.example";

    [Fact]
    public async Task Read_Default_ShowsFlaggedOnlyRiskiestFirstWithSla()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host,
            new ScoredAccount("acct-a", 70),
            new ScoredAccount("acct-b", 95, FlaggedHoursAgo: 6),
            new ScoredAccount("acct-c", 30, Flagged: false));

        var page = await ReadAsync(host, new QueueFilter());

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["acct-b", "acct-a"], page.Items.Select(r => r.AccountId));
        var critical = page.Items[0];
        Assert.Equal(TriageSeverity.Critical, critical.Severity);
        Assert.True(critical.Overdue, "flagged 6 h ago with a 4 h allowance");
        Assert.False(page.Items[1].Overdue, "medium severity has 72 h");
        Assert.Equal(["chain-of-thought", "timing-regularity"], critical.TopSignals);
    }

    [Fact]
    public async Task Read_SortByDue_MergesSeverityBands()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host,
            new ScoredAccount("medium-old", 65, FlaggedHoursAgo: 60),   // due in 12 h
            new ScoredAccount("critical-new", 92, FlaggedHoursAgo: 1),  // due in 3 h
            new ScoredAccount("high-mid", 80, FlaggedHoursAgo: 20));    // due in 4 h

        var page = await ReadAsync(host, new QueueFilter { Sort = QueueSort.Due, Descending = false });

        Assert.Equal(["critical-new", "high-mid", "medium-old"], page.Items.Select(r => r.AccountId));
        Assert.True(page.Items.Zip(page.Items.Skip(1)).All(p => p.First.DueAt <= p.Second.DueAt));
    }

    [Fact]
    public async Task Read_Filters_NarrowByScoreSignalTierCountryAgeAndText()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host,
            new ScoredAccount("acct-cot", 80, Signals: "chain-of-thought", Tier: UsageTier.Tier1, Country: "SG", AgeDays: 3, Cluster: "cl-1"),
            new ScoredAccount("acct-tool", 85, Signals: "agentic-tool-use", Tier: UsageTier.Free, Country: "US", AgeDays: 200));

        Assert.Equal(["acct-cot"], (await ReadAsync(host, new QueueFilter { Signal = "chain-of-thought" })).Items.Select(r => r.AccountId));
        Assert.Equal(["acct-tool"], (await ReadAsync(host, new QueueFilter { MinScore = 82 })).Items.Select(r => r.AccountId));
        Assert.Equal(["acct-cot"], (await ReadAsync(host, new QueueFilter { Tier = UsageTier.Tier1 })).Items.Select(r => r.AccountId));
        Assert.Equal(["acct-cot"], (await ReadAsync(host, new QueueFilter { Country = "sg" })).Items.Select(r => r.AccountId));
        Assert.Equal(["acct-cot"], (await ReadAsync(host, new QueueFilter { MaxAgeDays = 30 })).Items.Select(r => r.AccountId));
        Assert.Equal(["acct-tool"], (await ReadAsync(host, new QueueFilter { MinAgeDays = 30 })).Items.Select(r => r.AccountId));
        Assert.Equal(["acct-cot"], (await ReadAsync(host, new QueueFilter { ClusterId = "cl-1" })).Items.Select(r => r.AccountId));
        Assert.Equal(["acct-tool"], (await ReadAsync(host, new QueueFilter { Text = "tool" })).Items.Select(r => r.AccountId));
    }

    [Fact]
    public async Task ClaimNext_ConcurrentInvestigators_GetDistinctAccountsRiskiestFirst()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, Enumerable.Range(1, 10).Select(i => new ScoredAccount($"acct-{i:00}", 60 + i)).ToArray());
        var users = Enumerable.Range(1, 6).Select(i => $"user{i}@corp.example").ToArray();

        var outcomes = await Task.WhenAll(users.Select(user => Task.Run(() =>
            host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimNextAsync(user)))));

        var won = outcomes.Select(o => Assert.IsType<ClaimOutcome>(o).AccountId).ToArray();
        Assert.Equal(users.Length, won.Distinct().Count());
        // The six riskiest went out, whoever got which.
        Assert.Equal(Enumerable.Range(5, 6).Select(i => $"acct-{i:00}").Order(), won.Order());
        var unclaimed = await ReadAsync(host, new QueueFilter { Scope = QueueScope.Unclaimed });
        Assert.Equal(4, unclaimed.TotalCount);
    }

    [Fact]
    public async Task ClaimNext_EmptyQueue_ReturnsNull()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("benign", 10, Flagged: false));

        var outcome = await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimNextAsync(Ana));

        Assert.Null(outcome);
    }

    [Fact]
    public async Task Mine_ShowsOnlyMyLiveClaims()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("acct-1", 70), new ScoredAccount("acct-2", 75));
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", Ana));
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-2", Ben));

        var mine = await ReadAsync(host, new QueueFilter { Scope = QueueScope.Mine }, Ana);

        var row = Assert.Single(mine.Items);
        Assert.Equal(("acct-1", Ana), (row.AccountId, row.ClaimedBy));
    }

    [Fact]
    public async Task Dismiss_WithReason_LeavesQueueEntersHistoryAndAudit()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("eval-lab", 72), new ScoredAccount("acct-2", 75));
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("eval-lab", Ana));

        var outcome = await host.InScopeAsync(s => s.GetRequiredService<AccountDismissals>().DismissAsync(["eval-lab"], Ana, "University eval harness, verified by e-mail"));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Problems));
        var open = await ReadAsync(host, new QueueFilter());
        Assert.Equal(["acct-2"], open.Items.Select(r => r.AccountId));
        var dismissed = Assert.Single((await ReadAsync(host, new QueueFilter { Scope = QueueScope.Dismissed })).Items);
        Assert.Equal((Ana, "University eval harness, verified by e-mail"), (dismissed.DismissedBy, dismissed.DismissalReason));
        Assert.Null(dismissed.ClaimedBy);
        var (history, audit) = await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            return (await db.AccountScoreChanges.ToListAsync(), await db.AuditEntries.ToListAsync());
        });
        Assert.Contains(history, h => h.Reason.StartsWith("dismissed as false positive by ana@corp.example", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditActions.AccountDismissed && a.SubjectId == "eval-lab");
    }

    [Theory]
    [InlineData("")]
    [InlineData("ok")]
    public async Task Dismiss_WithoutRealReason_IsRefused(string reason)
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("acct-1", 72));

        var outcome = await host.InScopeAsync(s => s.GetRequiredService<AccountDismissals>().DismissAsync(["acct-1"], Ana, reason));

        Assert.False(outcome.Succeeded);
        Assert.Contains("reason", outcome.Problems.Single());
        Assert.Equal(1, (await ReadAsync(host, new QueueFilter())).TotalCount);
    }

    [Fact]
    public async Task Dismiss_AccountClaimedBySomeoneElse_IsRefused()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("acct-1", 72));
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", Ben));

        var outcome = await host.InScopeAsync(s => s.GetRequiredService<AccountDismissals>().DismissAsync(["acct-1"], Ana, "Looks like a normal developer"));

        Assert.Empty(outcome.Dismissed);
        Assert.Contains("claimed by ben@corp.example", outcome.Problems.Single());
    }

    [Fact]
    public async Task Dismissed_ScoreRisesPastMargin_ReturnsToQueue()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("acct-1", 70));
        await host.InScopeAsync(s => s.GetRequiredService<AccountDismissals>().DismissAsync(["acct-1"], Ana, "Known enterprise batch job"));
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            return await db.AccountRiskScores.ExecuteUpdateAsync(set => set.SetProperty(r => r.Score, 85.0));
        });

        var open = await ReadAsync(host, new QueueFilter());

        Assert.Equal(["acct-1"], open.Items.Select(r => r.AccountId));
    }

    [Fact]
    public async Task Counts_ClaimsAndDismissalsAfterTheRunWasCounted_MatchEachScopesList()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host,
            new ScoredAccount("critical-late", 95, FlaggedHoursAgo: 6),
            new ScoredAccount("critical-fresh", 92),
            new ScoredAccount("high-late", 80, FlaggedHoursAgo: 30),
            new ScoredAccount("medium-mine", 60),
            new ScoredAccount("medium-bens", 61),
            new ScoredAccount("dismissed", 70),
            new ScoredAccount("dismissed-late", 96, FlaggedHoursAgo: 6),
            new ScoredAccount("benign", 20, Flagged: false));
        var before = await host.InScopeAsync(s => s.GetRequiredService<TriageQueue>().CountsAsync(Ana));
        Assert.Equal((7, 7, 3), (before[QueueScope.Open], before[QueueScope.Unclaimed], before[QueueScope.Overdue]));

        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("medium-mine", Ana));
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("medium-bens", Ben));
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("high-late", Ben));
        await host.InScopeAsync(s => s.GetRequiredService<AccountDismissals>().DismissAsync(["dismissed", "dismissed-late"], Ana, "Known enterprise batch job"));
        var counts = await host.InScopeAsync(s => s.GetRequiredService<TriageQueue>().CountsAsync(Ana));

        Assert.Equal(5, counts[QueueScope.Open]);
        Assert.Equal(2, counts[QueueScope.Unclaimed]);
        Assert.Equal(1, counts[QueueScope.Mine]);
        Assert.Equal(2, counts[QueueScope.Overdue]);
        Assert.Equal(2, counts[QueueScope.Dismissed]);
        foreach (var scope in Enum.GetValues<QueueScope>())
        {
            Assert.Equal(counts[scope], (await ReadAsync(host, new QueueFilter { Scope = scope })).TotalCount);
        }
    }

    private static Task<InvestigationConsole.Application.Common.Page<QueueRow>> ReadAsync(TestHost host, QueueFilter filter, string user = Ana) =>
        host.InScopeAsync(s => s.GetRequiredService<TriageQueue>().ReadAsync(filter, user));
}

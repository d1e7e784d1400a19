using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Application.Triage;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Triage;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Triage;

public sealed class AccountRiskQueryTests
{
    [Fact]
    public async Task Read_ScoredAccount_ExplainsStrongestFirstWithTrendAndSla()
    {
        await using var host = await TestHost.StartAsync();
        await TriageData.AddAsync(host, new ScoredAccount("acct-1", 92, FlaggedHoursAgo: 2, Cluster: "CL-acct-1"));
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            var key = await db.Accounts.Where(a => a.AccountId == "acct-1").Select(a => a.Key).SingleAsync();
            await db.AccountRiskScores.Where(r => r.AccountKey == key).ExecuteUpdateAsync(set => set.SetProperty(r => r.SignalsJson, """
                [{"name":"timing-regularity","family":"Behaviour","value":0.1,"contribution":6.5,"max":10,"evidence":"gaps vary 0.10"},
                 {"name":"honeypot-hits","family":"Proof","value":0,"contribution":0,"max":45,"evidence":"no honeypot hits"},
                 {"name":"chain-of-thought","family":"Content","value":0.61,"contribution":14,"max":14,"evidence":"61% of 1,840 prompts elicit chain-of-thought"}]
                """).SetProperty(r => r.CorroboratingFamilies, "Content;Behaviour"));
            db.AccountScoreChanges.AddRange(
                new AccountScoreChange { AccountKey = key, At = DateTimeOffset.UtcNow.AddDays(-2), Score = 40, Flagged = false, RunId = 1, Reason = "first score" },
                new AccountScoreChange { AccountKey = key, At = DateTimeOffset.UtcNow.AddHours(-2), Score = 92, Flagged = true, RunId = 2, Reason = "flagged (score 40.0 → 92.0)" });
            return await db.SaveChangesAsync();
        });

        var view = await host.InScopeAsync(s => s.GetRequiredService<AccountRiskQuery>().ReadAsync("acct-1"));

        Assert.NotNull(view);
        Assert.Equal(["chain-of-thought", "timing-regularity", "honeypot-hits"], view.Signals.Select(x => x.Name));
        Assert.Equal([true, true, false], view.Signals.Select(x => x.Fired));
        Assert.Equal("61% of 1,840 prompts elicit chain-of-thought", view.Signals[0].Evidence);
        Assert.Equal([40.0, 92.0], view.History.Select(p => p.Score));
        Assert.Equal(TriageSeverity.Critical, view.Severity);
        Assert.Equal(view.FlaggedAt!.Value.AddHours(4), view.DueAt);
        Assert.Equal(["Content", "Behaviour"], view.CorroboratingFamilies);
        Assert.Equal("CL-acct-1", view.ClusterId);
    }

    [Fact]
    public async Task Read_UnscoredAccount_IsNull()
    {
        await using var host = await TestHost.StartAsync();
        await AccountClaimsTests.AddAccountsAsync(host, "never-scored");

        Assert.Null(await host.InScopeAsync(s => s.GetRequiredService<AccountRiskQuery>().ReadAsync("never-scored")));
        Assert.Null(await host.InScopeAsync(s => s.GetRequiredService<AccountRiskQuery>().ReadAsync("no-such-account")));
    }

    [Fact]
    public void ParseSignals_RowsAsRunsWriteThem_ReadLikeTheObjectsEarlierRunsStored()
    {
        var rows = AccountRiskQuery.ParseSignals("""
            [["timing-regularity","Behaviour",0.1,6.5,10,"gaps vary 0.10"],["honeypot-hits","Proof",0,0,45,"no honeypot hits"],
             ["volume-for-tier","Behaviour",3.2,4,8,"2 requests per active day, 0.0\u00D7 a busy Free customer\u0027s 150"]]
            """);
        var objects = AccountRiskQuery.ParseSignals("""
            [{"name":"timing-regularity","family":"Behaviour","value":0.1,"contribution":6.5,"max":10,"evidence":"gaps vary 0.10"},
             {"name":"honeypot-hits","family":"Proof","value":0,"contribution":0,"max":45,"evidence":"no honeypot hits"},
             {"name":"volume-for-tier","family":"Behaviour","value":3.2,"contribution":4,"max":8,"evidence":"2 requests per active day, 0.0× a busy Free customer's 150"}]
            """);

        Assert.Equal(objects, rows);
        Assert.Equal(new RiskSignalView("timing-regularity", "Behaviour", 0.1, 6.5, 10, "gaps vary 0.10"), rows[0]);
        Assert.Equal("2 requests per active day, 0.0× a busy Free customer's 150", rows[1].Evidence);
        Assert.Equal(["timing-regularity", "volume-for-tier", "honeypot-hits"], rows.Select(r => r.Name));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"name":"x"}""")]
    [InlineData("""[["timing-regularity","Behaviour",0.1]]""")]
    [InlineData("""[["timing-regularity","Behaviour","high",6.5,10,"e"]]""")]
    [InlineData("""[null]""")]
    public void ParseSignals_DamagedJson_GivesNoSignalsRatherThanAnError(string json) =>
        Assert.Empty(AccountRiskQuery.ParseSignals(json));
}

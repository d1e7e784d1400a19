using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Application.Triage;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Triage;

public sealed class AccountClaimsTests
{
    [Fact]
    public async Task Claim_Unheld_IsWonAndAudited()
    {
        await using var host = await TestHost.StartAsync();
        await AddAccountsAsync(host, "acct-1");

        var outcome = await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", "ana@corp.example"));

        Assert.True(outcome.Claimed);
        Assert.Equal("ana@corp.example", outcome.HeldBy);
        var audit = await host.InScopeAsync(s => s.GetRequiredService<InvestigationConsoleDbContext>().AuditEntries.ToListAsync());
        Assert.Single(audit, a => a.Action == AuditActions.AccountClaimed && a.SubjectId == "acct-1" && a.Actor == "ana@corp.example");
    }

    [Fact]
    public async Task Claim_HeldBySomeoneElse_IsRefusedWithHolder()
    {
        await using var host = await TestHost.StartAsync();
        await AddAccountsAsync(host, "acct-1");
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", "ana@corp.example"));

        var second = await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", "ben@corp.example"));

        Assert.False(second.Claimed);
        Assert.Equal("ana@corp.example", second.HeldBy);
        Assert.Contains("already claimed by ana@corp.example", second.Message);
    }

    [Fact]
    public async Task Claim_AfterExpiry_CanBeTakenOver()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Triage:ClaimDuration"] = "00:00:01" });
        await AddAccountsAsync(host, "acct-1");
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", "ana@corp.example"));
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        var second = await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", "ben@corp.example"));

        Assert.True(second.Claimed);
    }

    [Fact]
    public async Task ClaimFirst_ConcurrentInvestigators_NeverGetTheSameAccount()
    {
        await using var host = await TestHost.StartAsync();
        var ids = Enumerable.Range(1, 12).Select(i => $"acct-{i:00}").ToArray();
        await AddAccountsAsync(host, ids);
        var users = Enumerable.Range(1, 8).Select(i => $"user{i}@corp.example").ToArray();

        // Every investigator walks the same candidate order at the same time: the worst case for a queue.
        var outcomes = await Task.WhenAll(users.Select(user => Task.Run(() =>
            host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimFirstAsync(ids, user)))));

        Assert.All(outcomes, Assert.NotNull);
        var won = outcomes.Select(o => o!.AccountId).ToArray();
        Assert.Equal(users.Length, won.Distinct().Count());
        var holders = await host.InScopeAsync(s => s.GetRequiredService<InvestigationConsoleDbContext>().AccountReviews.CountAsync(r => r.ClaimedBy != null));
        Assert.Equal(users.Length, holders);
    }

    [Fact]
    public async Task Release_OwnClaim_ReturnsAccountToOthers()
    {
        await using var host = await TestHost.StartAsync();
        await AddAccountsAsync(host, "acct-1");
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", "ana@corp.example"));

        var foreign = await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ReleaseAsync("acct-1", "ben@corp.example"));
        var own = await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ReleaseAsync("acct-1", "ana@corp.example"));
        var taken = await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-1", "ben@corp.example"));

        Assert.False(foreign);
        Assert.True(own);
        Assert.True(taken.Claimed);
    }

    [Fact]
    public async Task Assign_SkipsAccountsHeldByOthers()
    {
        await using var host = await TestHost.StartAsync();
        await AddAccountsAsync(host, "acct-1", "acct-2");
        await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().ClaimAsync("acct-2", "ben@corp.example"));

        var assigned = await host.InScopeAsync(s => s.GetRequiredService<AccountClaims>().AssignAsync(["acct-1", "acct-2"], "ana@corp.example", "lead@corp.example"));

        Assert.Equal(["acct-1"], assigned);
    }

    internal static async Task AddAccountsAsync(TestHost host, params string[] accountIds)
    {
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            var next = await db.Accounts.Select(a => (int?)a.Key).MaxAsync() ?? 0;
            foreach (var id in accountIds)
            {
                db.Accounts.Add(new Account { Key = ++next, AccountId = id, CreatedAt = DateTimeOffset.UtcNow.AddDays(-30) });
            }

            return await db.SaveChangesAsync();
        });
    }
}

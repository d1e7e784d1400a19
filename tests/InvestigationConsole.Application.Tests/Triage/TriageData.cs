using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Triage;

/// <summary>A scored account as the detection run would leave it, for triage tests.</summary>
internal sealed record ScoredAccount(string AccountId, double Score, bool Flagged = true, double FlaggedHoursAgo = 1, string Signals = "chain-of-thought;timing-regularity",
    string? Cluster = null, UsageTier Tier = UsageTier.Free, string? Country = "US", double AgeDays = 20);

internal static class TriageData
{
    public static async Task AddAsync(TestHost host, params ScoredAccount[] accounts)
    {
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            var next = await db.Accounts.Select(a => (int?)a.Key).MaxAsync() ?? 0;
            var now = DateTimeOffset.UtcNow;
            foreach (var a in accounts)
            {
                var key = ++next;
                db.Accounts.Add(new Account
                {
                    Key = key, AccountId = a.AccountId, CreatedAt = now.AddDays(-a.AgeDays), Tier = a.Tier, BillingCountry = a.Country,
                    RequestCount = 100 * key, LastRequestAt = now.AddHours(-key),
                });
                db.AccountRiskScores.Add(new AccountRiskScore
                {
                    AccountKey = key, Score = a.Score, Flagged = a.Flagged, ScoreBeforeCluster = a.Score, ClusterId = a.Cluster, TopSignals = a.Signals,
                    ComputedAt = now, RunId = 1, FirstFlaggedAt = a.Flagged ? now.AddHours(-a.FlaggedHoursAgo) : null,
                });
            }

            return await db.SaveChangesAsync();
        });
    }
}

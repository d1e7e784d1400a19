using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Triage;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Clusters;

/// <summary>How a "claim all members" went: accounts now held by the user, and those left because someone else holds them.</summary>
public sealed record ClusterClaimResult(int Claimed, int Skipped);

/// <summary>Claims every member of a cluster for one investigator through <see cref="AccountClaims"/>, which audits each claim.</summary>
public sealed class ClusterClaims(IConsoleDbContextFactory contexts, AccountClaims claims)
{
    public async Task<ClusterClaimResult> ClaimAllAsync(string clusterId, string user, CancellationToken cancellationToken = default)
    {
        List<string> accountIds;
        await using (var db = contexts.Create())
        {
            accountIds = await (
                from m in db.ClusterMembers
                where m.ClusterId == clusterId
                join a in db.Accounts on m.AccountKey equals a.Key
                select a.AccountId).ToListAsync(cancellationToken);
        }

        int claimed = 0, skipped = 0;
        foreach (var accountId in accountIds)
        {
            var outcome = await claims.ClaimAsync(accountId, user, cancellationToken);
            if (outcome.Claimed)
            {
                claimed++;
            }
            else
            {
                skipped++;
            }
        }

        return new ClusterClaimResult(claimed, skipped);
    }
}

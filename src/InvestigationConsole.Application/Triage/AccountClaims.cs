using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Application.Triage;

/// <summary>The outcome of a claim: who holds the account now and until when.</summary>
public sealed record ClaimOutcome(string AccountId, bool Claimed, string? HeldBy, DateTimeOffset? ExpiresAt)
{
    public string Message => Claimed
        ? $"{AccountId} is yours until {ExpiresAt:HH:mm} UTC."
        : HeldBy is null ? $"{AccountId} cannot be claimed." : $"{AccountId} is already claimed by {HeldBy}.";
}

/// <summary>
/// Claims, releases and assignments of flagged accounts. A claim is a conditional update (the row is taken only
/// if nobody else holds a live claim), so two investigators racing for one account never both win, on SQLite and
/// SQL Server alike. Every change is audited.
/// </summary>
public sealed class AccountClaims(IConsoleDbContextFactory contexts, IAuditLog audit, TimeProvider clock, IOptions<TriageOptions> options, TriageQueue queue)
{
    private readonly TriageOptions _options = options.Value;

    public async Task<ClaimOutcome> ClaimAsync(string accountId, string user, CancellationToken cancellationToken = default)
    {
        var outcome = await TryClaimAsync(accountId, user, assignedBy: null, cancellationToken);
        if (outcome.Claimed)
        {
            await audit.RecordAsync(user, AuditActions.AccountClaimed, "account", accountId, $"until {outcome.ExpiresAt:O}", cancellationToken);
        }

        return outcome;
    }

    /// <summary>Gives <paramref name="assignee"/> the accounts nobody else holds; returns the ones assigned.</summary>
    public async Task<IReadOnlyList<string>> AssignAsync(IReadOnlyCollection<string> accountIds, string assignee, string assignedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        var assigned = new List<string>();
        foreach (var accountId in accountIds.Distinct(StringComparer.Ordinal))
        {
            var outcome = await TryClaimAsync(accountId, assignee, assignedBy, cancellationToken);
            if (outcome.Claimed)
            {
                assigned.Add(accountId);
                await audit.RecordAsync(assignedBy, AuditActions.AccountAssigned, "account", accountId, $"to {assignee}", cancellationToken);
            }
        }

        return assigned;
    }

    /// <summary>
    /// Claims the riskiest open account nobody holds. Candidates are read a page at a time and each is taken by a
    /// conditional update, so concurrent investigators each get a different account. Null when the queue is empty.
    /// </summary>
    public async Task<ClaimOutcome?> ClaimNextAsync(string user, CancellationToken cancellationToken = default)
    {
        const int page = 16;
        for (var round = 0; round < 8; round++)
        {
            // Candidates others won meanwhile drop out of the unclaimed scope, so re-reading from the top is right.
            var candidates = await queue.NextCandidatesAsync(0, page, cancellationToken);
            if (candidates.Count == 0)
            {
                return null;
            }

            var won = await ClaimFirstAsync(candidates, user, cancellationToken);
            if (won is not null)
            {
                return won;
            }
        }

        return null;
    }

    /// <summary>Tries candidates in order until one is won; null when every candidate was taken first.</summary>
    public async Task<ClaimOutcome?> ClaimFirstAsync(IEnumerable<string> candidates, string user, CancellationToken cancellationToken = default)
    {
        foreach (var accountId in candidates)
        {
            var outcome = await ClaimAsync(accountId, user, cancellationToken);
            if (outcome.Claimed)
            {
                return outcome;
            }
        }

        return null;
    }

    /// <summary>Gives up the user's own claim; returns false when the user held none.</summary>
    public async Task<bool> ReleaseAsync(string accountId, string user, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var key = await KeyOfAsync(db, accountId, cancellationToken);
        if (key is null)
        {
            return false;
        }

        var released = await db.AccountReviews
            .Where(r => r.AccountKey == key && r.ClaimedBy == user)
            .ExecuteUpdateAsync(
                set => set.SetProperty(r => r.ClaimedBy, (string?)null)
                    .SetProperty(r => r.ClaimedAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.ClaimExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.AssignedBy, (string?)null)
                    .SetProperty(r => r.Version, r => r.Version + 1),
                cancellationToken) > 0;
        if (released)
        {
            await audit.RecordAsync(user, AuditActions.AccountReleased, "account", accountId, null, cancellationToken);
        }

        return released;
    }

    private async Task<ClaimOutcome> TryClaimAsync(string accountId, string user, string? assignedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        var now = clock.GetUtcNow();
        var until = now + _options.ClaimDuration;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = contexts.Create();
            var key = await KeyOfAsync(db, accountId, cancellationToken);
            if (key is null)
            {
                return new ClaimOutcome(accountId, false, null, null);
            }

            var taken = await db.AccountReviews
                .Where(r => r.AccountKey == key && (r.ClaimedBy == null || r.ClaimExpiresAt <= now || r.ClaimedBy == user))
                .ExecuteUpdateAsync(
                    set => set.SetProperty(r => r.ClaimedBy, user)
                        .SetProperty(r => r.ClaimedAt, now)
                        .SetProperty(r => r.ClaimExpiresAt, until)
                        .SetProperty(r => r.AssignedBy, assignedBy)
                        .SetProperty(r => r.Version, r => r.Version + 1),
                    cancellationToken);
            if (taken > 0)
            {
                return new ClaimOutcome(accountId, true, user, until);
            }

            var holder = await db.AccountReviews.AsNoTracking()
                .Where(r => r.AccountKey == key)
                .Select(r => new { r.ClaimedBy, r.ClaimExpiresAt })
                .FirstOrDefaultAsync(cancellationToken);
            if (holder is not null)
            {
                return new ClaimOutcome(accountId, false, holder.ClaimedBy, holder.ClaimExpiresAt);
            }

            // No review row yet: the first claim creates it; a racing creator makes this insert fail, and the next
            // attempt (a fresh context) finds the row and competes for it by conditional update.
            db.AccountReviews.Add(new AccountReview { AccountKey = key.Value, ClaimedBy = user, ClaimedAt = now, ClaimExpiresAt = until, AssignedBy = assignedBy, Version = 1 });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new ClaimOutcome(accountId, true, user, until);
            }
            catch (DbUpdateException)
            {
                // Lost the race to create the row; retry.
            }
        }

        return new ClaimOutcome(accountId, false, null, null);
    }

    internal static Task<int?> KeyOfAsync(IConsoleDbContext db, string accountId, CancellationToken cancellationToken) =>
        db.Accounts.AsNoTracking().Where(a => a.AccountId == accountId).Select(a => (int?)a.Key).FirstOrDefaultAsync(cancellationToken);
}

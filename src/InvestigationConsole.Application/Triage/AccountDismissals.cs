using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Triage;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Triage;

/// <summary>The outcome of a dismissal request: which accounts were dismissed, and why others were not.</summary>
public sealed record DismissalOutcome(IReadOnlyList<string> Dismissed, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Dismisses flagged accounts as false positives. A reason is required; the dismissal releases any claim, is
/// audited and enters the account's score history, and the account leaves the queue until its score rises
/// <see cref="TriageOptions.ReopenMargin"/> points above the score it was dismissed at.
/// </summary>
public sealed class AccountDismissals(IConsoleDbContextFactory contexts, IAuditLog audit, TimeProvider clock)
{
    public const int MinReasonLength = 10;

    public async Task<DismissalOutcome> DismissAsync(IReadOnlyCollection<string> accountIds, string user, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        reason = reason?.Trim() ?? "";
        if (reason.Length < MinReasonLength)
        {
            return new DismissalOutcome([], [$"A reason of at least {MinReasonLength} characters is required: say why these accounts are legitimate."]);
        }

        var dismissed = new List<string>();
        var problems = new List<string>();
        var now = clock.GetUtcNow();
        foreach (var accountId in accountIds.Distinct(StringComparer.Ordinal))
        {
            await using var db = contexts.Create();
            var target = await (
                    from account in db.Accounts
                    join risk in db.AccountRiskScores on account.Key equals risk.AccountKey into risks
                    from risk in risks.DefaultIfEmpty()
                    where account.AccountId == accountId
                    select new { account.Key, Score = risk == null ? (double?)null : risk.Score, Flagged = risk != null && risk.Flagged, RunId = risk == null ? 0 : risk.RunId })
                .FirstOrDefaultAsync(cancellationToken);
            if (target is null)
            {
                problems.Add($"{accountId}: no such account.");
                continue;
            }

            var review = await db.AccountReviews.FirstOrDefaultAsync(r => r.AccountKey == target.Key, cancellationToken);
            if (review is null)
            {
                review = new AccountReview { AccountKey = target.Key };
                db.AccountReviews.Add(review);
            }
            else if (review.IsClaimedAt(now) && review.ClaimedBy != user)
            {
                problems.Add($"{accountId}: claimed by {review.ClaimedBy}; only they can dismiss it while the claim lasts.");
                continue;
            }

            review.DismissedBy = user;
            review.DismissedAt = now;
            review.DismissalReason = reason;
            review.DismissedAtScore = target.Score ?? 0;
            review.ClaimedBy = null;
            review.ClaimedAt = null;
            review.ClaimExpiresAt = null;
            review.AssignedBy = null;
            review.Version++;
            db.AccountScoreChanges.Add(new AccountScoreChange
            {
                AccountKey = target.Key,
                At = now,
                Score = target.Score ?? 0,
                Flagged = target.Flagged,
                RunId = target.RunId,
                Reason = Shorten($"dismissed as false positive by {user}: {reason}", 200),
            });
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(user, AuditActions.AccountDismissed, "account", accountId, reason, cancellationToken);
            dismissed.Add(accountId);
        }

        return new DismissalOutcome(dismissed, problems);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}

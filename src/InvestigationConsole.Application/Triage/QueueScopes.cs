using System.Linq.Expressions;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Triage;
using Microsoft.EntityFrameworkCore.Query;

namespace InvestigationConsole.Application.Triage;

/// <summary>
/// The queue's scopes as predicates over an account's risk and its review (null when nobody has touched it), written
/// once and applied to whichever row shape a query uses: the queue's page, its counts, the dashboard.
/// </summary>
internal sealed class QueueScopes(TriageOptions options, string user, DateTimeOffset now)
{
    public Expression<Func<AccountRiskScore, AccountReview?, bool>> Of(QueueScope scope)
    {
        var margin = options.ReopenMargin;

        // A parameter, not the constant true: SQLite then seeks the (Flagged, Score) index instead of scanning the
        // whole score table (a bare boolean column is not an index term).
        var flagged = true;
        Expression<Func<AccountRiskScore, AccountReview?, bool>> open = (risk, review) => risk.Flagged == flagged
            && (review == null || review.DismissedAt == null || risk.Score >= review.DismissedAtScore + margin);
        return scope switch
        {
            QueueScope.Dismissed => (risk, review) => review != null && review.DismissedAt != null && risk.Score < review.DismissedAtScore + margin,
            QueueScope.Unclaimed => And(open, (risk, review) => review == null || review.ClaimedBy == null || review.ClaimExpiresAt <= now),
            QueueScope.Mine => And(open, (risk, review) => review != null && review.ClaimedBy == user && review.ClaimExpiresAt > now),
            QueueScope.Overdue => And(open, PastDue()),
            _ => open,
        };
    }

    /// <summary>The scope's predicate over a row that carries the risk and the review.</summary>
    public Expression<Func<TRow, bool>> On<TRow>(QueueScope scope, Expression<Func<TRow, AccountRiskScore>> risk, Expression<Func<TRow, AccountReview?>> review) =>
        On(Of(scope), risk, review);

    /// <summary>A predicate over risk and review, applied to a row that carries both.</summary>
    public static Expression<Func<TRow, bool>> On<TRow>(
        Expression<Func<AccountRiskScore, AccountReview?, bool>> predicate, Expression<Func<TRow, AccountRiskScore>> risk, Expression<Func<TRow, AccountReview?>> review)
    {
        var row = risk.Parameters[0];
        var body = ReplacingExpressionVisitor.Replace(predicate.Parameters[0], risk.Body, predicate.Body);
        body = ReplacingExpressionVisitor.Replace(predicate.Parameters[1], ReplacingExpressionVisitor.Replace(review.Parameters[0], row, review.Body), body);
        return Expression.Lambda<Func<TRow, bool>>(body, row);
    }

    /// <summary>Past its due time by severity, whatever its triage state (same rule as <see cref="TriageOptions.DueAt"/>).</summary>
    public Expression<Func<AccountRiskScore, AccountReview?, bool>> PastDue()
    {
        var critical = now - options.CriticalDue;
        var high = now - options.HighDue;
        var medium = now - options.MediumDue;
        var (criticalScore, highScore) = (options.CriticalScore, options.HighScore);
        return (risk, _) => (risk.Score >= criticalScore && risk.FirstFlaggedAt < critical)
            || (risk.Score >= highScore && risk.Score < criticalScore && risk.FirstFlaggedAt < high)
            || (risk.Score < highScore && risk.FirstFlaggedAt < medium);
    }

    private static Expression<Func<AccountRiskScore, AccountReview?, bool>> And(
        Expression<Func<AccountRiskScore, AccountReview?, bool>> left, Expression<Func<AccountRiskScore, AccountReview?, bool>> right)
    {
        var body = ReplacingExpressionVisitor.Replace(right.Parameters[0], left.Parameters[0], right.Body);
        body = ReplacingExpressionVisitor.Replace(right.Parameters[1], left.Parameters[1], body);
        return Expression.Lambda<Func<AccountRiskScore, AccountReview?, bool>>(Expression.AndAlso(left.Body, body), left.Parameters);
    }
}

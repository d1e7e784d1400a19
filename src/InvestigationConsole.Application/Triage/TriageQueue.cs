using System.Linq.Expressions;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Application.Triage;

/// <summary>
/// The triage queue: flagged accounts with their claim and SLA state, filtered, sorted and paged in the database
/// (the flagged set is read through the (Flagged, Score) index). Only the counts hold something whole: the flagged
/// accounts' due times, once per detection run.
/// </summary>
public sealed class TriageQueue(IConsoleDbContextFactory contexts, DerivedFigures figures, TimeProvider clock, IOptions<TriageOptions> options)
{
    private const int MaxTake = 500;
    private readonly TriageOptions _options = options.Value;

    public async Task<Page<QueueRow>> ReadAsync(QueueFilter filter, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = contexts.Create();
        var now = clock.GetUtcNow();
        var query = Filtered(db, filter, user, now);
        var total = await query.CountAsync(cancellationToken);
        var skip = Math.Max(0, filter.Skip);
        var take = Math.Clamp(filter.Take, 1, MaxTake);
        var rows = filter.Sort == QueueSort.Due
            ? await ByDueAsync(query, filter.Descending, skip, take, cancellationToken)
            : await Ordered(query, filter).Skip(skip).Take(take).Select(Row).ToListAsync(cancellationToken);
        return new Page<QueueRow>(rows.Select(row => ToQueueRow(row, now)).ToList(), total);
    }

    /// <summary>The next open, unclaimed accounts, riskiest first: candidates for "claim next".</summary>
    public async Task<IReadOnlyList<string>> NextCandidatesAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var query = Filtered(db, new QueueFilter { Scope = QueueScope.Unclaimed }, "", clock.GetUtcNow());
        return await query.OrderByDescending(j => j.Risk.Score).ThenBy(j => j.Account.AccountId)
            .Skip(skip).Take(take).Select(j => j.Account.AccountId).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// How many accounts are in each scope, for the dashboard and the queue's tabs. The flagged accounts and their due
    /// times change only with a detection run, so they are cached per run; triage state lives in the review table
    /// (only accounts someone claimed or dismissed), which is read on every call so actions count at once. An
    /// account without a review is open and unclaimed, so the reviewed ones are all that needs reading.
    /// </summary>
    public async Task<IReadOnlyDictionary<QueueScope, int>> CountsAsync(string user, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var now = clock.GetUtcNow();
        var scopes = new QueueScopes(_options, user, now);
        var version = await DerivedFigures.VersionAsync(db, cancellationToken);
        var flagged = await figures.GetAsync("queue-flagged", version.Run, ReadFlaggedAsync, cancellationToken);

        // Compared with a parameter, not as a bare column: SQLite joins from the score table either way, and only an
        // equality lets it seek the flagged entries of the index (a bare column scanned the whole table, ~1 s).
        var flag = true;
        var reviewed = await (
                from review in db.AccountReviews.AsNoTracking()
                join risk in db.AccountRiskScores.AsNoTracking() on review.AccountKey equals risk.AccountKey
                where risk.Flagged == flag
                select new Reviewed { Risk = risk, Review = review })
            .GroupBy(_ => 1).Select(ReviewedCounts(scopes)).SingleOrDefaultAsync(cancellationToken) ?? new ScopeCounts(); // one group or none

        var dismissed = await (
                from review in db.AccountReviews.AsNoTracking()
                join risk in db.AccountRiskScores.AsNoTracking() on review.AccountKey equals risk.AccountKey
                select new Reviewed { Risk = risk, Review = review })
            .Where(scopes.On<Reviewed>(QueueScope.Dismissed, r => r.Risk, r => r.Review))
            .CountAsync(cancellationToken);

        var unreviewed = flagged.Count - reviewed.Flagged;
        return new Dictionary<QueueScope, int>
        {
            [QueueScope.Open] = unreviewed + reviewed.Open,
            [QueueScope.Unclaimed] = unreviewed + reviewed.Unclaimed,
            [QueueScope.Mine] = reviewed.Mine,
            [QueueScope.Overdue] = flagged.PastDueAt(now) - reviewed.PastDue + reviewed.Overdue,
            [QueueScope.Dismissed] = dismissed,
        };
    }

    /// <summary>The flagged accounts' due times, sorted, as the last run left them.</summary>
    private async Task<FlaggedDueTimes> ReadFlaggedAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var flag = true; // a parameter, so SQLite seeks the (Flagged, Score) index rather than scanning the table
        var rows = await db.AccountRiskScores.AsNoTracking()
            .Where(r => r.Flagged == flag)
            .Select(r => new { r.Score, r.FirstFlaggedAt })
            .ToListAsync(cancellationToken);
        var due = rows.Where(r => r.FirstFlaggedAt is not null)
            .Select(r => _options.DueAt(r.FirstFlaggedAt!.Value, r.Score).UtcTicks)
            .Order()
            .ToArray();
        return new FlaggedDueTimes(rows.Count, due);
    }

    /// <summary>
    /// <c>g => new ScopeCounts { Flagged = g.Count(), Open = g.Count(open), … }</c>, built from the scope predicates so
    /// they are written once.
    /// </summary>
    private static Expression<Func<IGrouping<int, Reviewed>, ScopeCounts>> ReviewedCounts(QueueScopes scopes)
    {
        var group = Expression.Parameter(typeof(IGrouping<int, Reviewed>), "g");
        MemberAssignment Count(string property, Expression<Func<AccountRiskScore, AccountReview?, bool>> predicate) => Expression.Bind(
            typeof(ScopeCounts).GetProperty(property)!,
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(Reviewed)], group, QueueScopes.On<Reviewed>(predicate, r => r.Risk, r => r.Review)));
        var body = Expression.MemberInit(
            Expression.New(typeof(ScopeCounts)),
            Expression.Bind(typeof(ScopeCounts).GetProperty(nameof(ScopeCounts.Flagged))!, Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(Reviewed)], group)),
            Count(nameof(ScopeCounts.Open), scopes.Of(QueueScope.Open)),
            Count(nameof(ScopeCounts.Unclaimed), scopes.Of(QueueScope.Unclaimed)),
            Count(nameof(ScopeCounts.Mine), scopes.Of(QueueScope.Mine)),
            Count(nameof(ScopeCounts.Overdue), scopes.Of(QueueScope.Overdue)),
            Count(nameof(ScopeCounts.PastDue), scopes.PastDue()));
        return Expression.Lambda<Func<IGrouping<int, Reviewed>, ScopeCounts>>(body, group);
    }

    internal IQueryable<Joined> Filtered(IConsoleDbContext db, QueueFilter filter, string user, DateTimeOffset now)
    {
        var query =
            from risk in db.AccountRiskScores.AsNoTracking()
            join account in db.Accounts.AsNoTracking() on risk.AccountKey equals account.Key
            join review in db.AccountReviews.AsNoTracking() on risk.AccountKey equals review.AccountKey into reviews
            from review in reviews.DefaultIfEmpty()
            select new Joined { Risk = risk, Account = account, Review = review };

        query = query.Where(new QueueScopes(_options, user, now).On<Joined>(filter.Scope, j => j.Risk, j => j.Review));

        if (filter.MinScore is { } min)
        {
            query = query.Where(j => j.Risk.Score >= min);
        }

        if (filter.MaxScore is { } max)
        {
            query = query.Where(j => j.Risk.Score <= max);
        }

        if (filter.Severity is { } severity)
        {
            var (low, high) = ScoreBand(severity);
            query = query.Where(j => j.Risk.Score >= low && j.Risk.Score < high);
        }

        if (!string.IsNullOrWhiteSpace(filter.Signal))
        {
            var signal = ";" + filter.Signal.Trim() + ";";
            query = query.Where(j => (";" + j.Risk.TopSignals + ";").Contains(signal));
        }

        if (!string.IsNullOrWhiteSpace(filter.ClusterId))
        {
            var cluster = filter.ClusterId.Trim();
            query = query.Where(j => j.Risk.ClusterId == cluster);
        }

        if (filter.Tier is { } tier)
        {
            query = query.Where(j => j.Account.Tier == tier);
        }

        if (!string.IsNullOrWhiteSpace(filter.Country))
        {
            var country = filter.Country.Trim().ToUpperInvariant();
            query = query.Where(j => j.Account.BillingCountry == country);
        }

        if (filter.MinAgeDays is { } minAge)
        {
            var createdBefore = now.AddDays(-minAge);
            query = query.Where(j => j.Account.CreatedAt <= createdBefore);
        }

        if (filter.MaxAgeDays is { } maxAge)
        {
            var createdAfter = now.AddDays(-maxAge);
            query = query.Where(j => j.Account.CreatedAt >= createdAfter);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(j => j.Account.AccountId.Contains(text)
                || (j.Account.OrgId != null && j.Account.OrgId.Contains(text))
                || (j.Account.EmailDomain != null && j.Account.EmailDomain.Contains(text)));
        }

        return query;
    }

    private (double Low, double High) ScoreBand(TriageSeverity severity) => severity switch
    {
        TriageSeverity.Critical => (_options.CriticalScore, double.MaxValue),
        TriageSeverity.High => (_options.HighScore, _options.CriticalScore),
        _ => (double.MinValue, _options.HighScore),
    };

    private static IQueryable<Joined> Ordered(IQueryable<Joined> query, QueueFilter filter) => (filter.Sort, filter.Descending) switch
    {
        (QueueSort.Flagged, true) => query.OrderByDescending(j => j.Risk.FirstFlaggedAt).ThenBy(j => j.Account.AccountId),
        (QueueSort.Flagged, false) => query.OrderBy(j => j.Risk.FirstFlaggedAt).ThenBy(j => j.Account.AccountId),
        (QueueSort.Requests, true) => query.OrderByDescending(j => j.Account.RequestCount).ThenBy(j => j.Account.AccountId),
        (QueueSort.Requests, false) => query.OrderBy(j => j.Account.RequestCount).ThenBy(j => j.Account.AccountId),
        (QueueSort.LastSeen, true) => query.OrderByDescending(j => j.Account.LastRequestAt).ThenBy(j => j.Account.AccountId),
        (QueueSort.LastSeen, false) => query.OrderBy(j => j.Account.LastRequestAt).ThenBy(j => j.Account.AccountId),
        (_, false) => query.OrderBy(j => j.Risk.Score).ThenBy(j => j.Account.AccountId),
        _ => query.OrderByDescending(j => j.Risk.Score).ThenBy(j => j.Account.AccountId),
    };

    /// <summary>
    /// Due time is flagged time plus the severity's allowance, which SQL cannot add portably to ticks-stored times:
    /// each severity band is already in due order when sorted by flagged time, so the page is a merge of three
    /// indexed, bounded reads.
    /// </summary>
    private async Task<List<RowData>> ByDueAsync(IQueryable<Joined> query, bool descending, int skip, int take, CancellationToken cancellationToken)
    {
        var merged = new List<RowData>();
        foreach (var severity in Enum.GetValues<TriageSeverity>())
        {
            var (low, high) = ScoreBand(severity);
            var band = query.Where(j => j.Risk.Score >= low && j.Risk.Score < high);
            band = descending
                ? band.OrderByDescending(j => j.Risk.FirstFlaggedAt).ThenBy(j => j.Account.AccountId)
                : band.OrderBy(j => j.Risk.FirstFlaggedAt).ThenBy(j => j.Account.AccountId);
            merged.AddRange(await band.Take(skip + take).Select(Row).ToListAsync(cancellationToken));
        }

        var ordered = descending
            ? merged.OrderByDescending(DueOf).ThenBy(r => r.AccountId, StringComparer.Ordinal)
            : merged.OrderBy(DueOf).ThenBy(r => r.AccountId, StringComparer.Ordinal);
        return ordered.Skip(skip).Take(take).ToList();
    }

    private DateTimeOffset DueOf(RowData row) => row.FlaggedAt is { } at ? _options.DueAt(at, row.Score) : DateTimeOffset.MaxValue;

    private QueueRow ToQueueRow(RowData row, DateTimeOffset now)
    {
        var due = row.FlaggedAt is { } at ? _options.DueAt(at, row.Score) : (DateTimeOffset?)null;
        var held = row.ClaimedBy is not null && row.ClaimExpiresAt > now;
        return new QueueRow(
            row.AccountId,
            row.Score,
            _options.SeverityOf(row.Score),
            row.FlaggedAt,
            due,
            due < now && row.DismissedAt is null,
            row.ClusterId,
            row.TopSignals.Split(';', StringSplitOptions.RemoveEmptyEntries),
            row.Tier,
            row.Country,
            row.OrgId,
            row.CreatedAt is { } created ? (int)Math.Floor((now - created).TotalDays) : null,
            row.Requests,
            row.LastRequestAt,
            held ? row.ClaimedBy : null,
            held ? row.ClaimExpiresAt : null,
            row.DismissedAt is null ? null : row.DismissedBy,
            row.DismissedAt is null ? null : row.DismissalReason);
    }

    private static readonly Expression<Func<Joined, RowData>> Row = j => new RowData
    {
        AccountId = j.Account.AccountId,
        Score = j.Risk.Score,
        FlaggedAt = j.Risk.FirstFlaggedAt,
        ClusterId = j.Risk.ClusterId,
        TopSignals = j.Risk.TopSignals,
        Tier = j.Account.Tier,
        Country = j.Account.BillingCountry,
        OrgId = j.Account.OrgId,
        CreatedAt = j.Account.CreatedAt,
        Requests = j.Account.RequestCount,
        LastRequestAt = j.Account.LastRequestAt,
        ClaimedBy = j.Review == null ? null : j.Review.ClaimedBy,
        ClaimExpiresAt = j.Review == null ? null : j.Review.ClaimExpiresAt,
        DismissedBy = j.Review == null ? null : j.Review.DismissedBy,
        DismissedAt = j.Review == null ? null : j.Review.DismissedAt,
        DismissalReason = j.Review == null ? null : j.Review.DismissalReason,
    };

    internal sealed class Joined
    {
        public AccountRiskScore Risk { get; init; } = null!;
        public Account Account { get; init; } = null!;
        public AccountReview? Review { get; init; }
    }

    internal sealed class Reviewed
    {
        public AccountRiskScore Risk { get; init; } = null!;
        public AccountReview? Review { get; init; }
    }

    /// <summary>How many flagged accounts there are and when each falls due, as of one detection run.</summary>
    private sealed record FlaggedDueTimes(int Count, long[] SortedDueTicks)
    {
        public int PastDueAt(DateTimeOffset now)
        {
            var at = Array.BinarySearch(SortedDueTicks, now.UtcTicks);
            if (at < 0)
            {
                return ~at;
            }

            while (at > 0 && SortedDueTicks[at - 1] == now.UtcTicks)
            {
                at--;
            }

            return at;
        }
    }

    private sealed class ScopeCounts
    {
        public int Flagged { get; init; }
        public int PastDue { get; init; }
        public int Open { get; init; }
        public int Unclaimed { get; init; }
        public int Mine { get; init; }
        public int Overdue { get; init; }
    }

    private sealed class RowData
    {
        public string AccountId { get; init; } = "";
        public double Score { get; init; }
        public DateTimeOffset? FlaggedAt { get; init; }
        public string? ClusterId { get; init; }
        public string TopSignals { get; init; } = "";
        public UsageTier Tier { get; init; }
        public string? Country { get; init; }
        public string? OrgId { get; init; }
        public DateTimeOffset? CreatedAt { get; init; }
        public long Requests { get; init; }
        public DateTimeOffset? LastRequestAt { get; init; }
        public string? ClaimedBy { get; init; }
        public DateTimeOffset? ClaimExpiresAt { get; init; }
        public string? DismissedBy { get; init; }
        public DateTimeOffset? DismissedAt { get; init; }
        public string? DismissalReason { get; init; }
    }
}

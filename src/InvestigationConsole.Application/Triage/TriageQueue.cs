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
/// (the flagged set is read through the (Flagged, Score) index; nothing is loaded whole).
/// </summary>
public sealed class TriageQueue(IConsoleDbContextFactory contexts, TimeProvider clock, IOptions<TriageOptions> options)
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
    /// How many accounts are in each scope, for the dashboard and the queue's tabs: one pass over the flagged accounts
    /// counts the four open scopes together, and dismissals are counted from the (small) review table.
    /// </summary>
    public async Task<IReadOnlyDictionary<QueueScope, int>> CountsAsync(string user, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var scopes = new QueueScopes(_options, user, clock.GetUtcNow());
        var flagged = true;
        var open =
            from risk in db.AccountRiskScores.AsNoTracking()
            where risk.Flagged == flagged
            join review in db.AccountReviews.AsNoTracking() on risk.AccountKey equals review.AccountKey into reviews
            from review in reviews.DefaultIfEmpty()
            select new Reviewed { Risk = risk, Review = review };
        var counted = await open.GroupBy(_ => 1).Select(OpenCounts(scopes)).FirstOrDefaultAsync(cancellationToken) ?? new ScopeCounts();

        var dismissed = await (
                from review in db.AccountReviews.AsNoTracking()
                join risk in db.AccountRiskScores.AsNoTracking() on review.AccountKey equals risk.AccountKey
                select new Reviewed { Risk = risk, Review = review })
            .Where(scopes.On<Reviewed>(QueueScope.Dismissed, r => r.Risk, r => r.Review))
            .CountAsync(cancellationToken);

        return new Dictionary<QueueScope, int>
        {
            [QueueScope.Open] = counted.Open,
            [QueueScope.Unclaimed] = counted.Unclaimed,
            [QueueScope.Mine] = counted.Mine,
            [QueueScope.Overdue] = counted.Overdue,
            [QueueScope.Dismissed] = dismissed,
        };
    }

    /// <summary><c>g => new ScopeCounts { Open = g.Count(open), … }</c>, built from the scope predicates so they are written once.</summary>
    private static Expression<Func<IGrouping<int, Reviewed>, ScopeCounts>> OpenCounts(QueueScopes scopes)
    {
        var group = Expression.Parameter(typeof(IGrouping<int, Reviewed>), "g");
        MemberAssignment Count(string property, QueueScope scope) => Expression.Bind(
            typeof(ScopeCounts).GetProperty(property)!,
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(Reviewed)], group, scopes.On<Reviewed>(scope, r => r.Risk, r => r.Review)));
        var body = Expression.MemberInit(
            Expression.New(typeof(ScopeCounts)),
            Count(nameof(ScopeCounts.Open), QueueScope.Open),
            Count(nameof(ScopeCounts.Unclaimed), QueueScope.Unclaimed),
            Count(nameof(ScopeCounts.Mine), QueueScope.Mine),
            Count(nameof(ScopeCounts.Overdue), QueueScope.Overdue));
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

    private sealed class ScopeCounts
    {
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

using System.Runtime.InteropServices;
using System.Text.Json;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Detection.Features;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Clusters;

/// <summary>
/// Reads one cluster as the last detection run left it: header, the riskiest members, the links among them, what
/// they share and their hourly traffic. Clusters can hold thousands of accounts, so every part is capped. All of it
/// but the members' claims changes only when a run completes or ingestion stores requests, so it is cached under the
/// data version; claims are read on every load so "claim all" and others' claims show at once.
/// </summary>
public sealed class ClusterDossier(IConsoleDbContextFactory contexts, DerivedFigures figures, TimeProvider clock)
{
    /// <summary>Members shown in the table and the graph, riskiest first.</summary>
    public const int MemberCap = 300;

    public const int LinkCap = 2000;

    public const int TimelineMembers = 8;

    /// <summary>The key under which the members not read one by one enter <see cref="ShapeTimeline"/>: never a member, so "others".</summary>
    private const int OthersKey = int.MinValue;

    /// <summary>The timeline keeps at most this many most recent hours (five weeks).</summary>
    public const int TimelineHourCap = 24 * 35;

    public async Task<ClusterDossierView?> LoadAsync(string clusterId, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var cluster = await db.Clusters.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clusterId, cancellationToken);
        if (cluster is null)
        {
            return null;
        }

        var version = await DerivedFigures.VersionAsync(db, cancellationToken);
        var read = await figures.GetAsync("cluster:" + clusterId, version, c => ReadFiguresAsync(clusterId, c), cancellationToken);

        var now = clock.GetUtcNow();
        var keys = read.Members.Select(m => m.AccountKey).ToList();
        var claims = await db.AccountReviews.AsNoTracking()
            .Where(r => keys.Contains(r.AccountKey) && r.ClaimedBy != null && r.ClaimExpiresAt > now)
            .Select(r => new { r.AccountKey, r.ClaimedBy })
            .ToDictionaryAsync(r => r.AccountKey, r => r.ClaimedBy, cancellationToken);
        var members = read.Members.Select(m => m with { ClaimedBy = claims.GetValueOrDefault(m.AccountKey) }).ToList();

        var header = new ClusterHeader(
            cluster.Id, cluster.Risk, cluster.Size, cluster.IsCampaign, cluster.Description,
            SplitSignals(cluster.DominantLinkTypes), ParseStrings(cluster.SharedAttributesJson), cluster.FirstActivityAt, cluster.LastActivityAt);
        return new ClusterDossierView(header, members, read.Links, read.SharedAttributes, read.Timeline);
    }

    private async Task<ClusterFigures> ReadFiguresAsync(string clusterId, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var rows = await (
            from m in db.ClusterMembers
            where m.ClusterId == clusterId
            join a in db.Accounts on m.AccountKey equals a.Key
            join s in db.AccountRiskScores on m.AccountKey equals s.AccountKey into scores
            from s in scores.DefaultIfEmpty()
            orderby s == null ? 0 : s.Score descending, a.RequestCount descending
            select new
            {
                a.Key, a.AccountId, Score = s == null ? 0 : s.Score, Flagged = s != null && s.Flagged, TopSignals = s == null ? "" : s.TopSignals,
                a.Tier, a.BillingCountry, a.CreatedAt, a.RequestCount, a.PaymentFingerprint, a.SignupPrefix, a.EmailDomain,
            }).Take(MemberCap).ToListAsync(cancellationToken);

        var members = rows.Select(r => new ClusterMemberRow(
            r.Key, r.AccountId, r.Score, r.Flagged, SplitSignals(r.TopSignals), r.Tier, r.BillingCountry, r.CreatedAt, r.RequestCount, null)).ToList();
        var shown = members.ToDictionary(m => m.AccountKey, m => m.AccountId);
        var keys = shown.Keys.ToList();

        var linkRows = await db.ClusterLinks.AsNoTracking()
            .Where(l => keys.Contains(l.AccountKey) && keys.Contains(l.OtherAccountKey))
            .OrderByDescending(l => l.Weight).ThenBy(l => l.AccountKey).ThenBy(l => l.OtherAccountKey)
            .Take(LinkCap)
            .Select(l => new { l.AccountKey, l.OtherAccountKey, l.Weight, l.IsStrong, l.EvidenceJson })
            .ToListAsync(cancellationToken);
        var evidence = linkRows.Select(l => (Link: l, Items: ParseEvidence(l.EvidenceJson))).ToList();
        var links = evidence.Select(e => new ClusterGraphLink(
            shown[e.Link.AccountKey], shown[e.Link.OtherAccountKey], e.Link.Weight, e.Link.IsStrong,
            e.Items.OrderByDescending(i => i.Weight).Select(i => i.Type).Distinct().ToList())).ToList();

        var shared = new List<SharedAttribute>();
        shared.AddRange(CountShared("Payment fingerprint", rows.Select(r => r.PaymentFingerprint)));
        shared.AddRange(CountShared("Signup /24", rows.Select(r => r.SignupPrefix)));
        shared.AddRange(CountShared("E-mail domain", rows.Select(r => r.EmailDomain)));

        // The addresses come off the (AccountKey, Ip) key and their networks are worked out here, so a proxy fleet's
        // ~100k addresses are read as two short columns each.
        var addresses = await db.AccountAddresses.AsNoTracking()
            .Where(a => keys.Contains(a.AccountKey))
            .Select(a => new { a.AccountKey, a.Ip })
            .ToListAsync(cancellationToken);
        shared.AddRange(SharedNetworks(addresses.Select(a => (a.AccountKey, a.Ip)))
            .Select(n => new SharedAttribute("Request /24", n.Network, n.Members)));
        shared.AddRange(evidence
            .SelectMany(e => e.Items.Where(i => !string.IsNullOrEmpty(i.Attribute)).Select(i => (i.Type, i.Attribute!, e.Link.AccountKey, e.Link.OtherAccountKey)))
            .GroupBy(x => (x.Type, x.Item2))
            .Select(g => new SharedAttribute($"{g.Key.Type} evidence", g.Key.Item2, g.SelectMany(x => new[] { x.AccountKey, x.OtherAccountKey }).Distinct().Count()))
            .Where(a => a.Members > 1)
            .OrderByDescending(a => a.Members)
            .Take(15));

        var timeline = await LoadTimelineAsync(db, clusterId, shown, cancellationToken);
        return new ClusterFigures(members, links, shared, timeline);
    }

    /// <summary>The request networks (IPv4 /24, IPv6 /48) used by more than one member, the most shared first, at most ten.</summary>
    public static IReadOnlyList<(string Network, int Members)> SharedNetworks(IEnumerable<(int AccountKey, string Ip)> addresses)
    {
        var networkOf = new Dictionary<string, string?>(StringComparer.Ordinal);
        var members = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        foreach (var (key, ip) in addresses)
        {
            if (!networkOf.TryGetValue(ip, out var network))
            {
                network = networkOf[ip] = IpPrefix.TryParse(ip, out var address) ? IpPrefix.Of(address) : null;
            }

            if (network is not null)
            {
                (members.TryGetValue(network, out var set) ? set : members[network] = []).Add(key);
            }
        }

        return members.Where(m => m.Value.Count > 1)
            .OrderByDescending(m => m.Value.Count).ThenBy(m => m.Key, StringComparer.Ordinal)
            .Take(10)
            .Select(m => (m.Key, m.Value.Count))
            .ToList();
    }

    private static async Task<ClusterTimeline> LoadTimelineAsync(IConsoleDbContext db, string clusterId, Dictionary<int, string> names, CancellationToken cancellationToken)
    {
        var memberKeys = db.ClusterMembers.Where(m => m.ClusterId == clusterId).Select(m => m.AccountKey);

        // Every member's hourly rows in one pass, summed per hour here: a proxy fleet holds millions of them (the
        // rollup table is stored in its key, so this is one seek per member), and grouping them in the database
        // sorts them all in a temporary B-tree first. The same pass gives the first and last hour.
        var perHour = new Dictionary<int, long>();
        await foreach (var row in db.ActivityHours.AsNoTracking()
                           .Where(h => memberKeys.Contains(h.AccountKey))
                           .Select(h => new { h.Hour, h.Requests })
                           .AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(perHour, row.Hour, out _) += row.Requests;
        }

        if (perHour.Count == 0)
        {
            return new ClusterTimeline([], [], false);
        }

        var firstAllowed = perHour.Keys.Max() - TimelineHourCap + 1;

        // Per member only the busiest few; the rest reach the chart as the per-hour total less theirs, so "others"
        // is still exact.
        var candidates = await db.ClusterMembers.Where(m => m.ClusterId == clusterId)
            .Join(db.Accounts, m => m.AccountKey, a => a.Key, (m, a) => new { a.Key, a.RequestCount })
            .OrderByDescending(a => a.RequestCount).ThenBy(a => a.Key)
            .Take(TimelineMembers * 4)
            .Select(a => a.Key)
            .ToListAsync(cancellationToken);
        var cells = await db.ActivityHours
            .Where(h => h.Hour >= firstAllowed && candidates.Contains(h.AccountKey))
            .GroupBy(h => new { h.AccountKey, h.Hour })
            .Select(g => new { g.Key.AccountKey, g.Key.Hour, Requests = g.Sum(h => h.Requests) })
            .ToListAsync(cancellationToken);
        var stacked = cells.GroupBy(c => c.Hour).ToDictionary(g => g.Key, g => g.Sum(c => (long)c.Requests));
        var rest = perHour.Where(t => t.Key >= firstAllowed)
            .Select(t => (OthersKey, t.Key, (int)(t.Value - stacked.GetValueOrDefault(t.Key))))
            .Where(c => c.Item3 > 0);
        var truncated = perHour.Keys.Min() < firstAllowed;
        return ShapeTimeline(cells.Select(c => (c.AccountKey, c.Hour, c.Requests)).Concat(rest), names, truncated);
    }

    /// <summary>Stacks the busiest members' hours and sums the rest into "others" (members outside the shown list count as others).</summary>
    public static ClusterTimeline ShapeTimeline(IEnumerable<(int AccountKey, int Hour, int Requests)> cells, IReadOnlyDictionary<int, string> names, bool isTruncated)
    {
        var list = cells.ToList();
        if (list.Count == 0)
        {
            return new ClusterTimeline([], [], isTruncated);
        }

        var first = list.Min(c => c.Hour);
        var span = list.Max(c => c.Hour) - first + 1;
        var top = list.Where(c => names.ContainsKey(c.AccountKey))
            .GroupBy(c => c.AccountKey)
            .OrderByDescending(g => g.Sum(c => (long)c.Requests)).ThenBy(g => g.Key)
            .Take(TimelineMembers)
            .Select(g => g.Key)
            .ToList();
        var series = top.ToDictionary(k => k, _ => new int[span]);
        var others = new int[span];
        foreach (var (key, hour, requests) in list)
        {
            (series.TryGetValue(key, out var row) ? row : others)[hour - first] += requests;
        }

        var result = top.Select(k => new TimelineSeries(names[k], series[k])).ToList();
        if (others.Any(v => v > 0))
        {
            result.Add(new TimelineSeries("others", others));
        }

        var hours = Enumerable.Range(first, span).Select(h => DateTimeOffset.FromUnixTimeSeconds(h * 3600L)).ToList();
        return new ClusterTimeline(hours, result, isTruncated);
    }

    private static IEnumerable<SharedAttribute> CountShared(string kind, IEnumerable<string?> values) => values
        .Where(v => !string.IsNullOrEmpty(v))
        .GroupBy(v => v!, StringComparer.Ordinal)
        .Where(g => g.Count() > 1)
        .OrderByDescending(g => g.Count())
        .Take(10)
        .Select(g => new SharedAttribute(kind, g.Key, g.Count()));

    private static List<string> SplitSignals(string joined) =>
        joined.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static List<string> ParseStrings(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static List<LinkEvidence> ParseEvidence(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<List<LinkEvidence>>(json, EvidenceJson) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web);

    private sealed record LinkEvidence(string Type, double Weight, string? Attribute);

    /// <summary>What the page shows of a cluster apart from its header and claims, as read at one data version.</summary>
    private sealed record ClusterFigures(
        IReadOnlyList<ClusterMemberRow> Members, IReadOnlyList<ClusterGraphLink> Links, IReadOnlyList<SharedAttribute> SharedAttributes, ClusterTimeline Timeline);
}

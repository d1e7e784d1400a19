using System.Net;
using System.Net.Sockets;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Investigation;

public enum SearchMatch
{
    AccountId,
    AccountIdPrefix,
    Organisation,
    PaymentFingerprint,
    RequestAddress,
    SignupAddress,
    Cluster,
}

/// <summary>An account the search found, and on what.</summary>
public sealed record AccountSearchHit(string AccountId, string? OrgId, string? EmailDomain, UsageTier Tier, long Requests, DateTimeOffset? LastSeenAt, SearchMatch MatchedOn);

/// <summary>The accounts found; <see cref="ExactAccountId"/> is set when the text was an account id, so a page can go straight to it.</summary>
public sealed record AccountSearchResult(string Query, IReadOnlyList<AccountSearchHit> Hits, bool Truncated, string? ExactAccountId, string? Problem = null, string? ExactClusterId = null);

/// <summary>
/// Finds accounts by account id (exact or prefix), organisation id, payment fingerprint, or by an address or network
/// they sent requests from or signed up from (IPv4 /24 to /32, IPv6 /48 to /128): every kind of text is an index seek.
/// </summary>
public sealed class AccountSearch(IConsoleDbContextFactory contexts)
{
    public const int MaxHits = 200;

    public async Task<AccountSearchResult> SearchAsync(string? text, CancellationToken cancellationToken = default)
    {
        var query = (text ?? "").Trim();
        if (query.Length == 0)
        {
            return new AccountSearchResult(query, [], false, null);
        }

        await using var db = contexts.Create();
        if (AddressQuery.TryParse(query, out var address, out var problem))
        {
            return await SearchAddressAsync(db, query, address, cancellationToken);
        }

        if (problem is not null)
        {
            return new AccountSearchResult(query, [], false, null, problem);
        }

        var hits = new Dictionary<string, AccountSearchHit>(StringComparer.Ordinal);
        var accounts = db.Accounts.AsNoTracking();
        var exact = await Hits(accounts.Where(a => a.AccountId == query), SearchMatch.AccountId, 1, cancellationToken);
        Add(hits, exact);

        // A range on the unique index, not LIKE: SQLite's LIKE is case-insensitive and would not use the index.
        var upper = query + char.MaxValue;
        Add(hits, await Hits(accounts.Where(a => string.Compare(a.AccountId, query) > 0 && string.Compare(a.AccountId, upper) < 0).OrderBy(a => a.AccountId), SearchMatch.AccountIdPrefix, MaxHits + 1, cancellationToken));
        Add(hits, await Hits(accounts.Where(a => a.OrgId == query), SearchMatch.Organisation, MaxHits + 1, cancellationToken));
        Add(hits, await Hits(accounts.Where(a => a.PaymentFingerprint == query), SearchMatch.PaymentFingerprint, MaxHits + 1, cancellationToken));

        // A cluster id (CL-…): its members, and the id itself so that the page can open the cluster.
        var cluster = await db.Clusters.AsNoTracking().Where(c => c.Id == query).Select(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (cluster is not null)
        {
            var members = db.ClusterMembers.AsNoTracking().Where(m => m.ClusterId == cluster).Select(m => m.AccountKey);
            Add(hits, await Hits(accounts.Where(a => members.Contains(a.Key)).OrderBy(a => a.AccountId), SearchMatch.Cluster, MaxHits + 1, cancellationToken));
        }

        return new AccountSearchResult(query, hits.Values.Take(MaxHits).ToArray(), hits.Count > MaxHits, exact.Count == 1 ? exact[0].AccountId : null, ExactClusterId: cluster);
    }

    private static async Task<AccountSearchResult> SearchAddressAsync(IConsoleDbContext db, string query, AddressQuery address, CancellationToken cancellationToken)
    {
        // Distinct: an account's use of an address may have a row in each rollup tier.
        var addresses = db.AccountAddresses.AsNoTracking();
        var rows = address.IsSingleAddress
            ? await addresses.Where(a => a.IpPrefix == address.Network && a.Ip == address.Text).Select(a => new { a.AccountKey, a.Ip }).Distinct().Take(10 * MaxHits).ToListAsync(cancellationToken)
            : await addresses.Where(a => a.IpPrefix == address.Network).Select(a => new { a.AccountKey, a.Ip }).Distinct().Take(10 * MaxHits).ToListAsync(cancellationToken);
        var requestKeys = rows.Where(r => address.Contains(r.Ip)).Select(r => r.AccountKey).Distinct().ToArray();

        var signups = await db.Accounts.AsNoTracking()
            .Where(a => a.SignupPrefix == address.Network && a.SignupIp != null)
            .Select(a => new { a.Key, a.SignupIp })
            .Take(10 * MaxHits)
            .ToListAsync(cancellationToken);
        var signupKeys = signups.Where(s => address.Contains(s.SignupIp!)).Select(s => s.Key).ToArray();

        var hits = new Dictionary<string, AccountSearchHit>(StringComparer.Ordinal);
        foreach (var (keys, match) in new[] { (requestKeys, SearchMatch.RequestAddress), (signupKeys, SearchMatch.SignupAddress) })
        {
            // An empty key list would plan as a scan that finds nothing: skip it.
            if (keys.Length > 0)
            {
                Add(hits, await Hits(db.Accounts.AsNoTracking().Where(a => keys.Contains(a.Key)).OrderByDescending(a => a.RequestCount), match, MaxHits + 1, cancellationToken));
            }
        }

        var truncated = hits.Count > MaxHits || rows.Count == 10 * MaxHits || signups.Count == 10 * MaxHits;
        return new AccountSearchResult(query, hits.Values.Take(MaxHits).ToArray(), truncated, null);
    }

    private static Task<List<AccountSearchHit>> Hits(IQueryable<Account> accounts, SearchMatch match, int take, CancellationToken cancellationToken) =>
        accounts.Take(take)
            .Select(a => new AccountSearchHit(a.AccountId, a.OrgId, a.EmailDomain, a.Tier, a.RequestCount, a.LastRequestAt, match))
            .ToListAsync(cancellationToken);

    private static void Add(Dictionary<string, AccountSearchHit> hits, IEnumerable<AccountSearchHit> found)
    {
        foreach (var hit in found)
        {
            hits.TryAdd(hit.AccountId, hit);
        }
    }
}

/// <summary>
/// An address or network typed into search. The stored networks are IPv4 /24 and IPv6 /48, so a query must be one of
/// those or narrower: a narrower one is looked up by its stored network and filtered by the exact range.
/// </summary>
public sealed class AddressQuery
{
    private readonly byte[] _network;
    private readonly int _bits;

    private AddressQuery(IPAddress address, int bits, bool hasLength)
    {
        _network = Mask(address.GetAddressBytes(), bits);
        _bits = bits;
        Text = address.ToString();
        Network = IpPrefix.Of(address);
        IsSingleAddress = !hasLength || bits == _network.Length * 8;
    }

    /// <summary>The address as stored (canonical text).</summary>
    public string Text { get; }

    /// <summary>The stored network (/24 or /48) the query falls in.</summary>
    public string Network { get; }

    public bool IsSingleAddress { get; }

    public static bool TryParse(string text, out AddressQuery query, out string? problem)
    {
        query = null!;
        problem = null;
        text = WithoutShorthand(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IpPrefix.TryParse(addressText, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var narrowest = address.AddressFamily == AddressFamily.InterNetwork ? IpPrefix.IPv4Bits : IpPrefix.IPv6Bits;
        var bits = width;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out bits) || bits > width))
        {
            problem = $"'{text}' is not a network: the length after '/' must be a number up to {width}.";
            return false;
        }

        if (bits < narrowest)
        {
            problem = $"Networks wider than /{narrowest} are not searchable: search each /{narrowest} in it.";
            return false;
        }

        query = new AddressQuery(address, bits, slash >= 0);
        return true;
    }

    /// <summary>
    /// An IPv4 /24 as investigators write it, the first three parts alone or with a wildcard (<c>198.51.100</c>,
    /// <c>198.51.100.</c>, <c>198.51.100.*</c>), as <c>198.51.100.0/24</c>; any other text as it is.
    /// </summary>
    private static string WithoutShorthand(string text)
    {
        var network = text.EndsWith(".*", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('.') ? text[..^1] : text;
        return network.Count(c => c == '.') == 2 && IpPrefix.TryParse(network + ".0", out _) ? network + ".0/24" : text;
    }

    /// <summary>Whether the stored address text falls inside the queried range.</summary>
    public bool Contains(string ip)
    {
        if (!IpPrefix.TryParse(ip, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return bytes.Length == _network.Length && Mask(bytes, _bits).AsSpan().SequenceEqual(_network);
    }

    private static byte[] Mask(byte[] bytes, int bits)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return bytes;
    }
}

using InvestigationConsole.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Investigation;

public enum SharedAttributeKind
{
    PaymentFingerprint,
    SignupIp,
    SignupNetwork,
    RequestNetwork,
    Organisation,
}

/// <summary>Another account that shares an attribute with the one under investigation.</summary>
public sealed record LinkedAccount(string AccountId, string? OrgId, long Requests);

/// <summary>
/// One attribute value the account shares with others: how many other accounts share it, and the first few of them
/// (the busiest first). <see cref="OtherAccounts"/> counts at most <see cref="SharedAttributesQuery.CountCap"/>.
/// </summary>
public sealed record SharedAttribute(SharedAttributeKind Kind, string Value, int OtherAccounts, IReadOnlyList<LinkedAccount> Examples)
{
    public bool CountCapped => OtherAccounts >= SharedAttributesQuery.CountCap;
}

/// <summary>
/// Accounts linked to one account by what they share: payment fingerprint, signup IP and its network, the networks
/// it sent requests from, its organisation. Every lookup is an index seek on the attribute's value. A request
/// network of a fleet holds thousands of address rows, so who uses a network is cached per finished ingest file and shared
/// by every account page that follows it (a fleet's members all do).
/// </summary>
public sealed class SharedAttributesQuery(IConsoleDbContextFactory contexts, DerivedFigures figures)
{
    /// <summary>Shared values are counted up to this many accounts; a /24 of a cloud provider can hold thousands.</summary>
    public const int CountCap = 1000;

    public const int ExamplesPerAttribute = 8;

    /// <summary>Only the account's busiest request networks are followed.</summary>
    public const int MaxRequestNetworks = 10;

    public async Task<IReadOnlyList<SharedAttribute>> ReadAsync(int accountKey, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var account = await db.Accounts.AsNoTracking()
            .Where(a => a.Key == accountKey)
            .Select(a => new { a.PaymentFingerprint, a.SignupIp, a.SignupPrefix, a.OrgId })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return [];
        }

        var shared = new List<SharedAttribute>();
        var others = db.Accounts.AsNoTracking().Where(a => a.Key != accountKey);
        if (account.PaymentFingerprint is { } payment)
        {
            shared.Add(await SharedAsync(SharedAttributeKind.PaymentFingerprint, payment, others.Where(a => a.PaymentFingerprint == payment), cancellationToken));
        }

        if (account.SignupPrefix is { } signupPrefix)
        {
            if (account.SignupIp is { } signupIp)
            {
                // No index on the address itself: its network's index narrows the rows first.
                shared.Add(await SharedAsync(SharedAttributeKind.SignupIp, signupIp, others.Where(a => a.SignupPrefix == signupPrefix && a.SignupIp == signupIp), cancellationToken));
            }

            shared.Add(await SharedAsync(SharedAttributeKind.SignupNetwork, signupPrefix, others.Where(a => a.SignupPrefix == signupPrefix), cancellationToken));
        }

        if (account.OrgId is { } org)
        {
            shared.Add(await SharedAsync(SharedAttributeKind.Organisation, org, others.Where(a => a.OrgId == org), cancellationToken));
        }

        var networks = await db.AccountAddresses.AsNoTracking()
            .Where(a => a.AccountKey == accountKey)
            .GroupBy(a => a.IpPrefix)
            .Select(g => new { Prefix = g.Key, Requests = g.Sum(a => a.Requests) })
            .OrderByDescending(g => g.Requests).ThenBy(g => g.Prefix)
            .Take(MaxRequestNetworks)
            .ToListAsync(cancellationToken);
        if (networks.Count > 0)
        {
            var version = await DerivedFigures.VersionAsync(db, cancellationToken);
            foreach (var network in networks)
            {
                var users = await figures.GetAsync("network:" + network.Prefix, (version.FilesIngested, version.LinesAccepted),
                    c => ReadNetworkAsync(network.Prefix, c), cancellationToken);
                shared.Add(users.SeenFrom(accountKey));
            }
        }

        return shared.Where(s => s.OtherAccounts > 0).ToArray();
    }

    /// <summary>
    /// The accounts that sent requests from a network: their keys (distinct, read up to one past the cap) and the
    /// busiest of them. Below the cap the busiest are picked among the keys already read, a primary-key lookup each.
    /// </summary>
    private async Task<NetworkUsers> ReadNetworkAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var inNetwork = db.AccountAddresses.AsNoTracking().Where(a => a.IpPrefix == prefix).Select(a => a.AccountKey);
        var keys = await inNetwork.Distinct().Take(CountCap + 1).ToListAsync(cancellationToken);
        var candidates = keys.Count > CountCap
            ? db.Accounts.AsNoTracking().Where(a => inNetwork.Contains(a.Key))
            : db.Accounts.AsNoTracking().Where(a => keys.Contains(a.Key));
        var busiest = await candidates
            .OrderByDescending(a => a.RequestCount).ThenBy(a => a.AccountId)
            .Take(ExamplesPerAttribute + 1)
            .Select(a => new { a.Key, Account = new LinkedAccount(a.AccountId, a.OrgId, a.RequestCount) })
            .ToListAsync(cancellationToken);
        return new NetworkUsers(prefix, keys.ToHashSet(), busiest.Select(b => (b.Key, b.Account)).ToList());
    }

    /// <summary>Who used one request network, independent of the account page that asks.</summary>
    internal sealed record NetworkUsers(string Prefix, IReadOnlySet<int> Keys, IReadOnlyList<(int Key, LinkedAccount Account)> Busiest)
    {
        /// <summary>The network as a shared attribute of one account that used it: the others, capped, busiest first.</summary>
        public SharedAttribute SeenFrom(int accountKey)
        {
            var others = Math.Min(CountCap, Keys.Count - (Keys.Contains(accountKey) ? 1 : 0));
            var examples = Busiest.Where(b => b.Key != accountKey).Take(ExamplesPerAttribute).Select(b => b.Account).ToList();
            return new SharedAttribute(SharedAttributeKind.RequestNetwork, Prefix, others, examples);
        }
    }

    private static async Task<SharedAttribute> SharedAsync(SharedAttributeKind kind, string value, IQueryable<Domain.Accounts.Account> accounts, CancellationToken cancellationToken)
    {
        var count = await accounts.Take(CountCap).CountAsync(cancellationToken);
        var examples = count == 0
            ? []
            : await accounts
                .OrderByDescending(a => a.RequestCount).ThenBy(a => a.AccountId)
                .Take(ExamplesPerAttribute)
                .Select(a => new LinkedAccount(a.AccountId, a.OrgId, a.RequestCount))
                .ToListAsync(cancellationToken);
        return new SharedAttribute(kind, value, count, examples);
    }
}

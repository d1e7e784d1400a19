using InvestigationConsole.Application.Investigation;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Infrastructure.Data;

namespace InvestigationConsole.Application.Tests.Investigation;

public sealed class SharedAttributesTests
{
    private const string Network = "198.51.100.0/24";

    [Fact]
    public async Task Read_RequestNetworkOfAFleet_CountsTheOthersAndShowsTheBusiestOfThem()
    {
        await using var host = await TestHost.StartAsync();
        await AddNetworkUsersAsync(host, accounts: 12);

        var network = await RequestNetworkAsync(host, accountKey: 12);

        Assert.Equal(11, network.OtherAccounts);
        Assert.False(network.CountCapped);
        Assert.Equal(Enumerable.Range(0, SharedAttributesQuery.ExamplesPerAttribute).Select(i => $"acct-{11 - i}"), network.Examples.Select(e => e.AccountId));
    }

    [Fact]
    public async Task Read_SecondMemberOfTheSameNetwork_ExcludesItselfFromTheSharedFigures()
    {
        await using var host = await TestHost.StartAsync();
        await AddNetworkUsersAsync(host, accounts: 4);
        await RequestNetworkAsync(host, accountKey: 4);

        var network = await RequestNetworkAsync(host, accountKey: 3);

        Assert.Equal(3, network.OtherAccounts);
        Assert.Equal(["acct-4", "acct-2", "acct-1"], network.Examples.Select(e => e.AccountId));
    }

    [Fact]
    public async Task Read_NetworkBeyondTheCap_IsCappedAndStillShowsTheBusiestOverall()
    {
        await using var host = await TestHost.StartAsync();
        await AddNetworkUsersAsync(host, accounts: SharedAttributesQuery.CountCap + 5);

        var network = await RequestNetworkAsync(host, accountKey: 1);

        Assert.True(network.CountCapped);
        Assert.Equal(SharedAttributesQuery.CountCap, network.OtherAccounts);
        Assert.Equal($"acct-{SharedAttributesQuery.CountCap + 5}", network.Examples[0].AccountId);
    }

    private static async Task<SharedAttribute> RequestNetworkAsync(TestHost host, int accountKey)
    {
        var attributes = await host.InScopeAsync(s => s.GetRequiredService<SharedAttributesQuery>().ReadAsync(accountKey));
        return Assert.Single(attributes, a => a.Kind == SharedAttributeKind.RequestNetwork);
    }

    /// <summary>Accounts 1..n, busier with each key, each sending from two addresses of one /24.</summary>
    private static async Task AddNetworkUsersAsync(TestHost host, int accounts)
    {
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            var now = DateTimeOffset.UtcNow;
            for (var key = 1; key <= accounts; key++)
            {
                db.Accounts.Add(new Account { Key = key, AccountId = $"acct-{key}", Tier = UsageTier.Free, RequestCount = key * 10, CreatedAt = now });
                foreach (var octet in new[] { key % 250, (key + 1) % 250 }.Distinct())
                {
                    db.AccountAddresses.Add(new AccountAddress { AccountKey = key, Ip = $"198.51.100.{octet}", IpPrefix = Network, Requests = 5, FirstSeenAt = now, LastSeenAt = now });
                }
            }

            return await db.SaveChangesAsync();
        });
    }
}

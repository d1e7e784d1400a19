using InvestigationConsole.Application.Investigation;
using InvestigationConsole.Detection.Features;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Investigation;

public sealed class InvestigationQueriesTests(IngestedScenario scenario) : IClassFixture<IngestedScenario>
{
    [Fact]
    public async Task Dossier_BusiestAccount_SumsItsRollupsAndNamesItsModels()
    {
        var busiest = await scenario.QueryAsync(db => db.Accounts.OrderByDescending(a => a.RequestCount).FirstAsync());
        var stored = await scenario.QueryAsync(db => db.Requests.Where(r => r.AccountKey == busiest.Key)
            .GroupBy(r => 1).Select(g => new { Count = g.LongCount(), Output = g.Sum(r => r.OutputTokens) }).SingleAsync());

        var dossier = await scenario.Get<AccountDossierQuery>().ReadAsync(busiest.AccountId);

        Assert.NotNull(dossier);
        Assert.Equal(busiest.AccountId, dossier.Profile.AccountId);
        Assert.Equal((stored.Count, stored.Output), (dossier.Requests, dossier.OutputTokens));
        Assert.Equal(stored.Count, dossier.Models.Sum(m => m.Requests));
        Assert.All(dossier.Models, m => Assert.DoesNotContain("#", m.Model, StringComparison.Ordinal));
        Assert.Equal(busiest.FirstRequestAt, dossier.FirstSeenAt);
    }

    [Fact]
    public async Task Dossier_UnknownAccount_IsNull() =>
        Assert.Null(await scenario.Get<AccountDossierQuery>().ReadAsync("acct_does_not_exist"));

    [Fact]
    public async Task Activity_BusiestAccount_HoursAddUpAndHeatMapInputIsHourly()
    {
        var busiest = await scenario.QueryAsync(db => db.Accounts.OrderByDescending(a => a.RequestCount).FirstAsync());

        var activity = await scenario.Get<AccountActivityQuery>().ReadAsync(busiest.Key);

        Assert.Equal(busiest.RequestCount, activity.Hours.Sum(h => (long)h.Requests));
        Assert.All(activity.Hours, h => Assert.Equal(0, h.Hour.Minute));
        Assert.Equal(activity.Hours.Select(h => h.Model).Distinct().Order(), activity.Models.Order());
    }

    [Fact]
    public void FindBursts_OneHourFarAboveTheRest_IsTheOnlyBurst()
    {
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var hours = Enumerable.Range(0, 24).Select(i => new ActivityHour(start.AddHours(i), "m", i == 10 ? 200 : 10, 0, 0));

        var burst = Assert.Single(AccountActivityQuery.FindBursts(hours));

        Assert.Equal((start.AddHours(10), 200, 20.0), (burst.Hour, burst.Requests, burst.TimesMedian));
    }

    [Fact]
    public async Task SharedAttributes_AccountWithSharedPayment_ListsTheOtherAccounts()
    {
        var (key, fingerprint, others) = await scenario.QueryAsync(async db =>
        {
            var shared = await db.Accounts.Where(a => a.PaymentFingerprint != null)
                .GroupBy(a => a.PaymentFingerprint).Where(g => g.Count() > 1)
                .Select(g => new { Fingerprint = g.Key!, Count = g.Count(), Key = g.Min(a => a.Key) })
                .FirstAsync();
            return (shared.Key, shared.Fingerprint, shared.Count - 1);
        });

        var attributes = await scenario.Get<SharedAttributesQuery>().ReadAsync(key);

        var payment = Assert.Single(attributes, a => a.Kind == SharedAttributeKind.PaymentFingerprint);
        Assert.Equal((fingerprint, Math.Min(others, SharedAttributesQuery.CountCap)), (payment.Value, payment.OtherAccounts));
        Assert.Equal(Math.Min(others, SharedAttributesQuery.ExamplesPerAttribute), payment.Examples.Count);
        Assert.All(attributes, a => Assert.True(a.OtherAccounts > 0));
    }

    [Fact]
    public async Task EvidenceSamples_ChainOfThoughtSample_HighlightsThePhraseAndKeepsTheTextWhole()
    {
        var key = await scenario.QueryAsync(db => db.PromptSamples
            .Where(s => (s.Traits & (int)PromptTraits.ChainOfThought) != 0).Select(s => s.AccountKey).FirstAsync());

        var samples = await scenario.Get<EvidenceSamplesQuery>().ReadAsync(key, take: 200);
        var prompts = await scenario.QueryAsync(db => db.PromptSamples.Where(s => s.AccountKey == key).ToDictionaryAsync(s => s.RequestId, s => s.Prompt));

        Assert.NotEmpty(samples);
        Assert.All(samples, s => Assert.Equal(prompts[s.RequestId], string.Concat(s.Segments.Select(p => p.Text))));
        Assert.Contains(samples, s => s.Segments.Any(p => p.Pattern.HasFlag(PromptTraits.ChainOfThought)));
        Assert.Equal(samples.OrderByDescending(s => s.Timestamp).Select(s => s.RequestId), samples.Select(s => s.RequestId));
    }

    [Fact]
    public async Task Search_ExactAccountId_ReportsItAsExact()
    {
        var account = await scenario.QueryAsync(db => db.Accounts.OrderBy(a => a.Key).FirstAsync());

        var result = await scenario.Get<AccountSearch>().SearchAsync($"  {account.AccountId} ");

        Assert.Equal(account.AccountId, result.ExactAccountId);
        Assert.Equal(SearchMatch.AccountId, result.Hits[0].MatchedOn);
    }

    [Fact]
    public async Task Search_AccountIdPrefix_FindsEveryAccountStartingWithIt()
    {
        var ids = await scenario.QueryAsync(db => db.Accounts.Select(a => a.AccountId).ToListAsync());
        var prefix = ids[0][..^2];

        var result = await scenario.Get<AccountSearch>().SearchAsync(prefix);

        var expected = ids.Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected.Take(AccountSearch.MaxHits), result.Hits.Select(h => h.AccountId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_OrgAndPayment_FindTheirAccounts()
    {
        var account = await scenario.QueryAsync(db => db.Accounts.FirstAsync(a => a.OrgId != null && a.PaymentFingerprint != null));
        var search = scenario.Get<AccountSearch>();

        var byOrg = await search.SearchAsync(account.OrgId);
        var byPayment = await search.SearchAsync(account.PaymentFingerprint);

        Assert.Contains(byOrg.Hits, h => h.AccountId == account.AccountId && h.MatchedOn == SearchMatch.Organisation);
        Assert.Contains(byPayment.Hits, h => h.AccountId == account.AccountId && h.MatchedOn == SearchMatch.PaymentFingerprint);
    }

    [Fact]
    public async Task Search_ClusterId_FindsItsMembersAndNamesTheCluster()
    {
        var members = await scenario.QueryAsync(db => db.Accounts.OrderBy(a => a.Key).Take(2).ToListAsync());
        await scenario.QueryAsync(async db =>
        {
            db.Clusters.Add(new Domain.Clusters.Cluster { Id = "CL-search-test", Risk = 50, Size = 2, Description = "test" });
            db.ClusterMembers.AddRange(members.Select(m => new Domain.Clusters.ClusterMember { AccountKey = m.Key, ClusterId = "CL-search-test" }));
            return await db.SaveChangesAsync();
        });

        var result = await scenario.Get<AccountSearch>().SearchAsync("CL-search-test");

        Assert.Equal("CL-search-test", result.ExactClusterId);
        Assert.Equal(members.Select(m => m.AccountId).Order(StringComparer.Ordinal), result.Hits.Where(h => h.MatchedOn == SearchMatch.Cluster).Select(h => h.AccountId).Order(StringComparer.Ordinal));
        Assert.Null((await scenario.Get<AccountSearch>().SearchAsync("CL-no-such-cluster")).ExactClusterId);
    }

    [Fact]
    public async Task Search_AddressAndNetworks_FindTheAccountsThatSentFromThem()
    {
        var address = await scenario.QueryAsync(db => db.AccountAddresses.OrderByDescending(a => a.Requests).FirstAsync());
        var owner = await scenario.QueryAsync(db => db.Accounts.Where(a => a.Key == address.AccountKey).Select(a => a.AccountId).SingleAsync());
        var search = scenario.Get<AccountSearch>();

        var shorthands = address.Ip.Contains(':') ? [] : new[] { ThreeParts(address.Ip), ThreeParts(address.Ip) + ".", ThreeParts(address.Ip) + ".*" };
        foreach (var text in new[] { address.Ip, address.IpPrefix, $"{address.Ip}/{(address.Ip.Contains(':') ? 128 : 32)}" }.Concat(shorthands))
        {
            var result = await search.SearchAsync(text);
            Assert.Contains(result.Hits, h => h.AccountId == owner && h.MatchedOn == SearchMatch.RequestAddress);
        }
    }

    [Theory]
    [InlineData("10.0.0.0/16", "wider")]
    [InlineData("10.0.0.0/40", "number up to 32")]
    [InlineData("2001:db8::/32", "wider")]
    public async Task Search_UnsearchableNetwork_ExplainsWhy(string text, string expected)
    {
        var result = await scenario.Get<AccountSearch>().SearchAsync(text);

        Assert.Empty(result.Hits);
        Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
    }

    private static string ThreeParts(string ipv4) => ipv4[..ipv4.LastIndexOf('.')];

    [Theory]
    [InlineData("198.51.100", "198.51.100.0/24")]
    [InlineData("198.51.100.", "198.51.100.0/24")]
    [InlineData("198.51.100.*", "198.51.100.0/24")]
    public void AddressQuery_ThreePartsOrAWildcard_IsTheirSlash24(string text, string network)
    {
        Assert.True(AddressQuery.TryParse(text, out var address, out _));
        Assert.Equal(network, address.Network);
        Assert.False(address.IsSingleAddress);
        Assert.True(address.Contains("198.51.100.0") && address.Contains("198.51.100.255"));
        Assert.False(address.Contains("198.51.101.1"));
    }

    [Theory]
    [InlineData("198.51")]
    [InlineData("198.51.300")]
    [InlineData("acct_198.51.100")]
    [InlineData("198.51.100.*.*")]
    public void AddressQuery_NotAnAddressOrNetwork_IsNotParsed(string text) => Assert.False(AddressQuery.TryParse(text, out _, out _));

    [Theory]
    [InlineData("198.51.100.0/25", "198.51.100.127", true)]
    [InlineData("198.51.100.0/25", "198.51.100.128", false)]
    [InlineData("2001:db8:1:2::/64", "2001:db8:1:2::77", true)]
    [InlineData("2001:db8:1:2::/64", "2001:db8:1:3::77", false)]
    [InlineData("198.51.100.7", "198.51.100.7", true)]
    public void AddressQuery_Contains_MatchesTheRange(string query, string ip, bool contained)
    {
        Assert.True(AddressQuery.TryParse(query, out var address, out _));
        Assert.Equal(contained, address.Contains(ip));
    }
}

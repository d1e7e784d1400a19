using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Domain.Accounts;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>A held analysis is placed into a run with the registry facts of that run (<see cref="DetectionPopulation.Refresh"/>).</summary>
public sealed class DetectionPopulationTests
{
    private static readonly DateTimeOffset Created = new(2026, 10, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Refresh_FactsAsHeld_TakesTheHeldAnalysisItself()
    {
        var population = Population(Registry());
        var held = Analyse(population, 0);

        Assert.Same(held, population.Refresh(held, 0));
    }

    [Fact]
    public void Refresh_RegistryOrPositionChanged_MakesAnAnalysisWithTheNewFactsAndTheSameTraffic()
    {
        var held = Analyse(Population(Registry()), 0);

        var upgraded = Registry();
        (upgraded[0].Tier, upgraded[0].PaymentFingerprint, upgraded[0].CreatedAt) = (UsageTier.Tier4, "card-2", Created.ToOffset(TimeSpan.FromHours(2)));
        var refreshed = Population(upgraded).Refresh(held, 0);
        Assert.NotSame(held, refreshed);
        Assert.Equal(AccountTier.Tier4, refreshed.Profile.Tier);
        Assert.Equal("card-2", refreshed.LinkFacts.PaymentFingerprint);
        Assert.Equal(TimeSpan.FromHours(2), refreshed.Profile.CreatedAt!.Value.Offset);
        Assert.Equal(held.Profile with { Tier = AccountTier.Tier4, CreatedAt = refreshed.Profile.CreatedAt }, refreshed.Profile);
        Assert.Same(held.LinkFacts.Ips, refreshed.LinkFacts.Ips);

        var moved = Population(Registry()).Refresh(held, 0, denseIndex: 5);
        Assert.NotSame(held, moved);
        Assert.Equal(5, moved.LinkFacts.Account);
        Assert.Equal(held.Profile, moved.Profile);
    }

    [Fact]
    public void Population_WithTheEarlierOne_KeepsTheFactsOfAccountsWhoseRegistryIsUnchanged()
    {
        var registry = Trio();
        var earlier = Population(registry);

        // The first account unchanged, the second's traffic moved (a copy sharing its texts), the third's tier changed.
        var moved = Copy(registry[1]);
        moved.RequestCount++;
        var upgraded = Copy(registry[2]);
        upgraded.Tier = UsageTier.Tier4;
        var again = new DetectionPopulation(new DetectionInputs([registry[0], moved, upgraded], []), DetectionSettings.Default, Created.AddDays(2), earlier);

        Assert.Same(earlier.Facts[0], again.Facts[0]);
        Assert.Same(earlier.Facts[1], again.Facts[1]);
        Assert.NotSame(earlier.Facts[2], again.Facts[2]);
        Assert.Equal(AccountTier.Tier4, again.Facts[2].Identity.Tier);
        Assert.Equal(Population([registry[0], moved, upgraded]).Facts, again.Facts);
    }

    [Fact]
    public void Population_WithTheEarlierOne_ADomainChanged_MakesEveryFactAgain()
    {
        // Two accounts share a rare domain; when one leaves it, the other's domain is no longer shared by as many.
        var registry = Trio();
        var earlier = Population(registry);
        var left = Copy(registry[1]);
        left.EmailDomain = "elsewhere.example";

        var again = new DetectionPopulation(new DetectionInputs([registry[0], left, registry[2]], []), DetectionSettings.Default, Created.AddDays(2), earlier);

        Assert.Equal(Population([registry[0], left, registry[2]]).Facts, again.Facts);
        Assert.NotSame(earlier.Facts[0], again.Facts[0]);
    }

    private static List<Account> Trio()
    {
        var accounts = Registry();
        for (var key = 2; key <= 3; key++)
        {
            var other = Copy(accounts[0]);
            (other.Key, other.AccountId) = (key, $"acct_{key}");
            accounts.Add(other);
        }

        accounts[2].EmailDomain = "rare.example";
        return accounts;
    }

    private static Account Copy(Account a) => new()
    {
        Key = a.Key, AccountId = a.AccountId, OrgId = a.OrgId, EmailDomain = a.EmailDomain, PaymentFingerprint = a.PaymentFingerprint, SignupIp = a.SignupIp,
        SignupPrefix = a.SignupPrefix, Verification = a.Verification, Tier = a.Tier, CreatedAt = a.CreatedAt, RequestCount = a.RequestCount,
        FirstRequestAt = a.FirstRequestAt, LastRequestAt = a.LastRequestAt,
    };

    private static List<Account> Registry() =>
    [
        new()
        {
            Key = 1, AccountId = "acct_one", OrgId = "org-1", EmailDomain = "example.com", PaymentFingerprint = "card-1", SignupIp = "198.51.100.7",
            SignupPrefix = "198.51.100.0/24", Verification = IdentityVerification.Email, Tier = UsageTier.Tier1, CreatedAt = Created, RequestCount = 2,
            FirstRequestAt = Created.AddDays(1), LastRequestAt = Created.AddDays(1).AddMinutes(3),
        },
    ];

    private static DetectionPopulation Population(List<Account> accounts) =>
        new(new DetectionInputs(accounts, []), DetectionSettings.Default, Created.AddDays(2));

    private static AccountAnalysis Analyse(DetectionPopulation population, int index)
    {
        var analyzer = new AccountAnalyzer(population.Releases);
        analyzer.Begin(index, population.Facts[index]);
        foreach (var minutes in new[] { 0, 3 })
        {
            analyzer.Add(new RequestObservation(
                Created.AddDays(1).AddMinutes(minutes), 100, 400, PromptTraits.Coding, TemplateSketch.Empty, 0, "203.0.113.9", "203.0.113.0/24", "frontier-large-2", HoneypotHit: false));
        }

        return analyzer.End();
    }
}

using System.Text.Json;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Detection.Scoring.Signals;

namespace InvestigationConsole.Detection.Tests.Scoring;

public class IdentitySignalTests
{
    private static readonly ScoringContext Context = ScoringContext.Default;

    [Fact]
    public void IdentityStrength_VerifiedEnterprise_ContributesNothing()
    {
        var signal = new IdentityStrengthSignal().Evaluate(Archetypes.CodingAgentProduct(), Context);

        Assert.False(signal.Fired);
        Assert.Equal("IdDocument verification, Enterprise tier (shipyard.dev): weakness 0 of 10", signal.Evidence);
    }

    [Fact]
    public void IdentityStrength_FreeEmailDisposable_ContributesMax()
    {
        var signal = new IdentityStrengthSignal().Evaluate(Archetypes.HydraMember(), Context);

        Assert.Equal(10, signal.Value);
        Assert.Equal(signal.Max, signal.Contribution);
        Assert.Equal("Email verification, Free tier, disposable e-mail domain (tmpbox.xyz): weakness 10 of 10", signal.Evidence);
    }

    [Fact]
    public void FreshHeavyUse_HeavyOnTheDayAfterSignUp_Fires()
    {
        var signal = new FreshHeavyUseSignal().Evaluate(Archetypes.ReasoningHarvester(), Context);

        Assert.Equal(2, signal.Value);
        Assert.Equal(signal.Max, signal.Contribution);
        Assert.Equal("first heavy day (320 requests) 2 days after sign-up", signal.Evidence);
    }

    [Fact]
    public void FreshHeavyUse_OldAccount_StaysQuiet() =>
        Assert.False(new FreshHeavyUseSignal().Evaluate(Archetypes.CodingAgentProduct(), Context).Fired);

    [Fact]
    public void FreshHeavyUse_NeverHeavy_StaysSilent()
    {
        var signal = new FreshHeavyUseSignal().Evaluate(Archetypes.Developer() with { CreatedAt = Archetypes.Start }, Context);

        Assert.False(signal.Fired);
        Assert.Equal("no day with 600 or more requests", signal.Evidence);
    }

    [Fact]
    public void Honeypot_OneHit_ContributesMaxAsProof()
    {
        var signal = new HoneypotSignal().Evaluate(Archetypes.Developer() with { HoneypotHits = 1 }, Context);

        Assert.Equal(SignalFamily.Proof, signal.Family);
        Assert.Equal(signal.Max, signal.Contribution);
        Assert.Equal("1 request carried a honeypot canary: evidence of harvesting", signal.Evidence);
    }

    [Theory]
    [InlineData("mailinator.com", true)]
    [InlineData("YOPMAIL.COM", true)]
    [InlineData("inboxkitten.xyz", true)]
    [InlineData("gmail.com", false)]
    [InlineData("northlabs.com", false)]
    [InlineData(null, false)]
    public void EmailDomainReputation_IsDisposable_KnownServicesAndAbusedTlds(string? domain, bool expected) =>
        Assert.Equal(expected, EmailDomainReputation.IsDisposable(domain));

    [Fact]
    public void EmailDomainReputation_IsRare_FewAccountsAndNoKnownProvider()
    {
        var reputation = EmailDomainReputation.FromPopulation(["gmail.com", "solo.dev", "bigcorp.com", "bigcorp.com", "bigcorp.com", null]);

        Assert.True(reputation.IsRare("solo.dev"));
        Assert.False(reputation.IsRare("bigcorp.com"));
        Assert.False(reputation.IsRare("gmail.com"));
        Assert.Equal(3, reputation.AccountsWith("BIGCORP.com"));
    }

    [Fact]
    public void ScoringSettings_JsonRoundTrip_KeepsEditedValues()
    {
        var edited = ScoringSettings.Default with { FlagThreshold = 55, ChainOfThought = new SignalWeight(20, 0.1, 0.5), TierDailyRequests = [1, 2, 3, 4, 5, 6] };

        var copy = JsonSerializer.Deserialize<ScoringSettings>(JsonSerializer.Serialize(edited))!;

        Assert.Equal(55, copy.FlagThreshold);
        Assert.Equal(edited.ChainOfThought, copy.ChainOfThought);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], copy.TierDailyRequests);
        Assert.Equal(edited.Regularity, copy.Regularity);
    }
}

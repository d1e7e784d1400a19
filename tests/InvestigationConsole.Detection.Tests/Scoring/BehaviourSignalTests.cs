using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Detection.Scoring.Signals;

namespace InvestigationConsole.Detection.Tests.Scoring;

public class BehaviourSignalTests
{
    private static readonly ScoringContext Context = ScoringContext.Default;

    [Fact]
    public void ActivitySpread_RoundTheClock_ContributesMax()
    {
        var signal = new ActivitySpreadSignal().Evaluate(Archetypes.ReasoningHarvester(), Context);

        Assert.Equal(1.0, signal.Value, 6);
        Assert.Equal(signal.Max, signal.Contribution);
        Assert.StartsWith("33% of 9,600 requests fall in its quietest 8 hours", signal.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void ActivitySpread_OfficeHours_StaysQuiet()
    {
        var signal = new ActivitySpreadSignal().Evaluate(Archetypes.Developer(), Context);

        Assert.Equal(0, signal.Value, 6);
        Assert.False(signal.Fired);
        Assert.Contains("(00:00–08:00 UTC)", signal.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void TimingRegularity_ScriptPacedGaps_Fires()
    {
        var signal = new TimingRegularitySignal().Evaluate(Archetypes.ReasoningHarvester(), Context);

        Assert.Equal(signal.Max, signal.Contribution);
        Assert.Equal("gaps between requests average 270.0 s with variation 0.12 over 9,500 gaps (people ≈ 1, scripts near 0)", signal.Evidence);
    }

    [Fact]
    public void TimingRegularity_HumanGaps_StaysQuiet() =>
        Assert.False(new TimingRegularitySignal().Evaluate(Archetypes.Developer(), Context).Fired);

    [Fact]
    public void Volume_TwiceABusyTierDay_ContributesMax()
    {
        var profile = Archetypes.Developer() with { Tier = AccountTier.Tier1, RequestCount = 24_000, DailyCounts = Archetypes.Days(30, 800) };

        var signal = new VolumeSignal().Evaluate(profile, Context);

        Assert.Equal(2.0, signal.Value, 6);
        Assert.Equal(signal.Max, signal.Contribution);
        Assert.Equal("800 requests per active day over 30 days, 2.0× a busy Tier1 customer's 400", signal.Evidence);
    }

    [Fact]
    public void Volume_SameTrafficOnEnterpriseTier_StaysQuiet()
    {
        var profile = Archetypes.Developer() with { Tier = AccountTier.Enterprise, RequestCount = 24_000, DailyCounts = Archetypes.Days(30, 800) };

        Assert.False(new VolumeSignal().Evaluate(profile, Context).Fired);
    }

    [Fact]
    public void ModelPivot_AboveThePopulation_FiresWithBaselineInEvidence()
    {
        var baseline = new PopulationBaseline([new ModelRelease(Archetypes.NewModel, Archetypes.Start)], new Dictionary<string, double> { [Archetypes.NewModel] = 0.05 });

        var signal = new ModelPivotSignal().Evaluate(Archetypes.HydraMember(), ScoringContext.Default with { Baseline = baseline });

        Assert.Equal(0.65, signal.Value, 6);
        Assert.Equal(signal.Max, signal.Contribution);
        Assert.Equal("70% of 100 requests in the 24 h after frontier-large-3's release went to it (population typically 5%)", signal.Evidence);
    }

    [Fact]
    public void ModelPivot_WhenEveryoneMovedAsFast_StaysQuiet()
    {
        var baseline = new PopulationBaseline([], new Dictionary<string, double> { [Archetypes.NewModel] = 0.7 });

        var signal = new ModelPivotSignal().Evaluate(Archetypes.HydraMember(), ScoringContext.Default with { Baseline = baseline });

        Assert.False(signal.Fired);
    }

    [Fact]
    public void ModelPivot_TooFewRequestsInWindow_StaysSilent()
    {
        var profile = Archetypes.HydraMember() with { ReleaseWindows = [new ReleaseWindowTraffic(Archetypes.NewModel, 5, 5)] };

        Assert.False(new ModelPivotSignal().Evaluate(profile, Context).Fired);
    }

    [Fact]
    public void PopulationBaseline_From_TakesMedianOverAccountsWithEnoughTraffic()
    {
        var release = new ModelRelease(Archetypes.NewModel, Archetypes.Start);
        AccountProfile With(long model, long all) => Archetypes.Developer() with { ReleaseWindows = [new ReleaseWindowTraffic(Archetypes.NewModel, model, all)] };

        var baseline = PopulationBaseline.From([With(0, 100), With(10, 100), With(50, 100), With(90, 100), With(5, 5)], [release]);

        Assert.Equal(0.3, baseline.TypicalShare(Archetypes.NewModel), 6);
        Assert.Equal(0, baseline.TypicalShare("unknown-model"));
    }
}

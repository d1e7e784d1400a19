using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Tests.Scoring;

public class AccountProfileBuilderTests
{
    private static readonly DateTimeOffset Start = Archetypes.Start;
    private static readonly ModelRelease Release = new(Archetypes.NewModel, Start.AddHours(12));

    private static RequestObservation Request(DateTimeOffset at, string prompt = "hello there", string model = "frontier-large-2", int tools = 0, bool honeypot = false) =>
        new(at, 100, 300, PromptClassifier.Classify(prompt), TemplateSketch.Compute(prompt), tools, "203.0.113.7", "203.0.113.0/24", model, honeypot);

    private static AccountProfileBuilder Begin()
    {
        var builder = new AccountProfileBuilder([Release]);
        builder.Begin(new AccountIdentity("acct-1", AccountTier.Free, VerificationLevel.Email, "gmail.com", Start.AddDays(-1), false, false));
        return builder;
    }

    [Fact]
    public void Build_MetronomeTraffic_HasNearZeroGapVariation()
    {
        var builder = Begin();
        for (var i = 0; i < 500; i++)
        {
            builder.Add(Request(Start.AddSeconds(i * 10)));
        }

        var profile = builder.Build();

        Assert.Equal(499, profile.InterArrival.Gaps);
        Assert.Equal(10, profile.InterArrival.MeanSeconds, 6);
        Assert.Equal(0, profile.InterArrival.CoefficientOfVariation, 6);
        Assert.Equal(500, profile.RequestCount);
        Assert.Equal(50_000, profile.InputTokens);
        Assert.Equal(150_000, profile.OutputTokens);
    }

    [Fact]
    public void Build_LongBreaks_AreNotCountedAsGaps()
    {
        var builder = Begin();
        builder.Add(Request(Start));
        builder.Add(Request(Start.AddSeconds(5)));
        builder.Add(Request(Start.AddHours(5)));
        builder.Add(Request(Start.AddHours(5).AddSeconds(15)));

        var profile = builder.Build();

        Assert.Equal(2, profile.InterArrival.Gaps);
        Assert.Equal(10, profile.InterArrival.MeanSeconds, 6);
    }

    [Fact]
    public void Build_HoursDaysModelsAndAddresses_AreAggregated()
    {
        var builder = Begin();
        builder.Add(Request(Start.AddHours(1)));
        builder.Add(Request(Start.AddHours(1).AddMinutes(5), tools: 2));
        builder.Add(Request(Start.AddDays(2).AddHours(13), model: Archetypes.NewModel, honeypot: true));

        var profile = builder.Build();

        Assert.Equal(2, profile.HourOfDayCounts[1]);
        Assert.Equal(1, profile.HourOfDayCounts[13]);
        Assert.Equal([2L, 0, 1], profile.DailyCounts);
        Assert.Equal(2, profile.ActiveDays);
        Assert.Equal(1, profile.ToolUseRequests);
        Assert.Equal(1, profile.HoneypotHits);
        Assert.Equal(1, profile.DistinctIps);
        Assert.Equal(["frontier-large-2", Archetypes.NewModel], profile.Models.Select(m => m.Model));
        Assert.Equal(Start.AddDays(2).AddHours(13), profile.Models[1].FirstUseAt);
    }

    [Fact]
    public void Build_ReleaseWindow_CountsTrafficInThe24HoursAfterRelease()
    {
        var builder = Begin();
        builder.Add(Request(Start.AddHours(11)));
        builder.Add(Request(Start.AddHours(13), model: Archetypes.NewModel));
        builder.Add(Request(Start.AddHours(14), model: Archetypes.NewModel));
        builder.Add(Request(Start.AddHours(15)));
        builder.Add(Request(Start.AddHours(40), model: Archetypes.NewModel));

        var window = Assert.Single(builder.Build().ReleaseWindows);

        Assert.Equal(new ReleaseWindowTraffic(Archetypes.NewModel, 2, 3), window);
    }

    [Fact]
    public void Build_TemplatedPrompts_AreConcentratedAndVariedOnesAreNot()
    {
        var random = new Random(7);
        var builder = Begin();
        for (var i = 0; i < 40; i++)
        {
            builder.Add(Request(Start.AddMinutes(i), $"Solve the following problem and show all of your reasoning step by step before giving the final answer: {random.Next(1000)} apples"));
        }

        var templated = builder.Build();
        builder.Begin(new AccountIdentity("acct-2", AccountTier.Free, VerificationLevel.Email, null, null, false, false));
        for (var i = 0; i < 40; i++)
        {
            builder.Add(Request(Start.AddMinutes(i), string.Join(' ', Enumerable.Range(0, 12).Select(_ => $"w{random.Next(100_000)}"))));
        }

        var varied = builder.Build();

        Assert.True(templated.TemplateConcentration > 0.9, $"{templated.TemplateConcentration}");
        Assert.Equal(0, varied.TemplateConcentration);
        Assert.Equal("acct-2", varied.AccountId);
        Assert.Equal(40, varied.RequestCount);
        Assert.True(templated.TraitCounts[PromptTraits.ChainOfThought] >= 40);
    }

    [Fact]
    public void Build_MoreSketchesThanCap_SamplesDeterministically()
    {
        AccountProfile Run()
        {
            var random = new Random(3);
            var builder = new AccountProfileBuilder([], maxSketches: 16);
            builder.Begin(new AccountIdentity("a", AccountTier.Free, VerificationLevel.None, null, null, false, false));
            for (var i = 0; i < 200; i++)
            {
                builder.Add(Request(Start.AddSeconds(i), i % 2 == 0 ? "translate this short sentence into french please now" : string.Join(' ', Enumerable.Range(0, 10).Select(_ => $"w{random.Next(100_000)}"))));
            }

            return builder.Build();
        }

        Assert.Equal(Run().TemplateConcentration, Run().TemplateConcentration);
        Assert.InRange(Run().TemplateConcentration, 0.2, 0.8);
    }
}

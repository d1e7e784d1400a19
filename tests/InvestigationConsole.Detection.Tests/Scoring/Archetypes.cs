using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Tests.Scoring;

/// <summary>
/// Hand-made account profiles for the behaviours the threat model describes: campaigns and their
/// legitimate look-alikes. Numbers are plausible aggregates, not taken from the simulation.
/// </summary>
internal static class Archetypes
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    public const string NewModel = "frontier-large-3";

    public static long[] OfficeHours(long total)
    {
        var hours = new long[24];
        for (var h = 8; h < 18; h++)
        {
            hours[h] = total / 10;
        }

        return hours;
    }

    public static long[] RoundTheClock(long total) => Enumerable.Repeat(total / 24, 24).ToArray();

    public static PromptTraitCounts Traits(long prompts, params (PromptTraits Flag, double Share)[] shares)
    {
        var counts = new PromptTraitCounts();
        foreach (var (flag, share) in shares)
        {
            counts.Set(flag, (long)Math.Round(prompts * share));
        }

        return counts;
    }

    public static long[] Days(int days, long perDay) => Enumerable.Repeat(perDay, days).ToArray();

    /// <summary>A person using the API for their own work: office hours, irregular timing, few areas.</summary>
    public static AccountProfile Developer() => new()
    {
        AccountId = "dev",
        Tier = AccountTier.Tier2,
        Verification = VerificationLevel.Phone,
        EmailDomain = "gmail.com",
        CreatedAt = Start.AddDays(-400),
        FirstRequestAt = Start,
        LastRequestAt = Start.AddDays(30),
        RequestCount = 1200,
        InputTokens = 1_200_000,
        OutputTokens = 900_000,
        HourOfDayCounts = OfficeHours(1200),
        DailyCounts = Days(30, 40),
        InterArrival = new InterArrivalStats(900, 95, 1.4),
        PromptCount = 1200,
        TraitCounts = Traits(1200, (PromptTraits.Coding, 0.6), (PromptTraits.ChainOfThought, 0.05), (PromptTraits.Writing, 0.1)),
        TemplateConcentration = 0.08,
        ToolUseRequests = 60,
        DistinctIps = 3,
        DistinctPrefixes = 2,
    };

    /// <summary>Campaign of the lab-A kind: reasoning traces and rubric grading, around the clock, fresh paid accounts.</summary>
    public static AccountProfile ReasoningHarvester() => Developer() with
    {
        AccountId = "harvester",
        Tier = AccountTier.Tier1,
        Verification = VerificationLevel.Email,
        EmailDomain = "kestrel-research.ai",
        IsRareDomain = true,
        CreatedAt = Start.AddDays(-2),
        RequestCount = 9600,
        InputTokens = 2_400_000,
        OutputTokens = 14_000_000,
        HourOfDayCounts = RoundTheClock(9600),
        DailyCounts = Days(30, 320),
        InterArrival = new InterArrivalStats(9500, 270, 0.12),
        PromptCount = 9600,
        TraitCounts = Traits(9600, (PromptTraits.ChainOfThought, 0.62), (PromptTraits.RubricGrading, 0.2), (PromptTraits.Math, 0.3), (PromptTraits.Science, 0.2), (PromptTraits.Coding, 0.2), (PromptTraits.Legal, 0.1), (PromptTraits.Medical, 0.1)),
        TemplateConcentration = 0.75,
        ToolUseRequests = 0,
    };

    /// <summary>Look-alike: a benchmark runner. "Think step by step" in templated machine-paced bursts, early on new models.</summary>
    public static AccountProfile EvalRunner() => Developer() with
    {
        AccountId = "eval",
        Tier = AccountTier.Tier3,
        Verification = VerificationLevel.Phone,
        EmailDomain = "cs.meridian.edu",
        IsRareDomain = true,
        RequestCount = 6000,
        OutputTokens = 7_000_000,
        InputTokens = 1_500_000,
        HourOfDayCounts = OfficeHours(6000),
        DailyCounts = Days(30, 200),
        InterArrival = new InterArrivalStats(5900, 1.4, 0.15),
        PromptCount = 6000,
        TraitCounts = Traits(6000, (PromptTraits.ChainOfThought, 0.7), (PromptTraits.RubricGrading, 0.15), (PromptTraits.Math, 0.4), (PromptTraits.Coding, 0.3), (PromptTraits.Science, 0.1)),
        TemplateConcentration = 0.85,
        ReleaseWindows = [new ReleaseWindowTraffic(NewModel, 580, 600)],
    };

    /// <summary>Look-alike: a coding-agent product. Tool-heavy, one system prompt, worldwide users around the clock, verified company.</summary>
    public static AccountProfile CodingAgentProduct() => Developer() with
    {
        AccountId = "agent-product",
        Tier = AccountTier.Enterprise,
        Verification = VerificationLevel.IdDocument,
        EmailDomain = "shipyard.dev",
        CreatedAt = Start.AddDays(-300),
        RequestCount = 600_000,
        InputTokens = 900_000_000,
        OutputTokens = 60_000_000,
        HourOfDayCounts = RoundTheClock(600_000),
        DailyCounts = Days(30, 20_000),
        InterArrival = new InterArrivalStats(599_000, 0.3, 0.9),
        PromptCount = 600_000,
        TraitCounts = Traits(600_000, (PromptTraits.AgenticToolUse, 0.95), (PromptTraits.Coding, 0.9)),
        TemplateConcentration = 0.55,
        ToolUseRequests = 580_000,
        DistinctIps = 400,
        DistinctPrefixes = 2,
    };

    /// <summary>Look-alike: an enterprise service account running a templated batch job around the clock.</summary>
    public static AccountProfile EnterpriseBatch() => CodingAgentProduct() with
    {
        AccountId = "enterprise-batch",
        EmailDomain = "northlabs.com",
        RequestCount = 30_000,
        InputTokens = 30_000_000,
        OutputTokens = 6_000_000,
        HourOfDayCounts = RoundTheClock(30_000),
        DailyCounts = Days(30, 1000),
        InterArrival = new InterArrivalStats(29_000, 3, 0.03),
        PromptCount = 30_000,
        TraitCounts = Traits(30_000, (PromptTraits.Summarization, 0.9)),
        TemplateConcentration = 0.97,
        ToolUseRequests = 0,
    };

    /// <summary>Campaign of the lab-C kind: a hydra member. Free, unverified, disposable domain, tool-use sweeps, instant pivot.</summary>
    public static AccountProfile HydraMember() => Developer() with
    {
        AccountId = "hydra-member",
        Tier = AccountTier.Free,
        Verification = VerificationLevel.Email,
        EmailDomain = "tmpbox.xyz",
        IsDisposableDomain = true,
        CreatedAt = Start.AddDays(-1),
        RequestCount = 3000,
        InputTokens = 3_000_000,
        OutputTokens = 4_500_000,
        HourOfDayCounts = RoundTheClock(3000),
        DailyCounts = Days(30, 100),
        InterArrival = new InterArrivalStats(2900, 800, 0.9),
        PromptCount = 3000,
        TraitCounts = Traits(3000, (PromptTraits.AgenticToolUse, 0.6), (PromptTraits.Coding, 0.5), (PromptTraits.DataAnalysis, 0.15), (PromptTraits.Vision, 0.1), (PromptTraits.Writing, 0.1)),
        TemplateConcentration = 0.7,
        ToolUseRequests = 1900,
        ReleaseWindows = [new ReleaseWindowTraffic(NewModel, 70, 100)],
    };
}

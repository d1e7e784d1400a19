namespace InvestigationConsole.Application.Simulation;

/// <summary>What to simulate and where to write the gateway export.</summary>
public sealed record ScenarioOptions
{
    /// <summary>One of <see cref="ScenarioNames.All"/>.</summary>
    public string ScenarioName { get; init; } = ScenarioNames.Demo;

    public int Seed { get; init; } = 42;

    public required string OutputDirectory { get; init; }

    /// <summary>The simulated window ends here (exclusive); it starts the scenario's length of days before.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Write <c>.jsonl.gz</c> files instead of <c>.jsonl</c>.</summary>
    public bool Gzip { get; init; }

    /// <summary>Add a few contract-violating lines (listed in truth.json) so the quarantine has something to show.</summary>
    public bool InjectBadLines { get; init; }
}

/// <summary>The scenarios that <see cref="ScenarioGenerator"/> knows.</summary>
public static class ScenarioNames
{
    /// <summary>≈ 5,000 accounts, ≈ 300k requests over 21 days: the console's demo.</summary>
    public const string Demo = "demo";

    /// <summary>The public case: ≈ 16M requests over 6 weeks, ≈ 9M of them from ≈ 24,000 attack accounts hidden among ≥ 200,000 benign accounts.</summary>
    public const string Seed = "seed";

    /// <summary>≈ 700 accounts over 7 days with every benign kind and campaign: fast enough for tests.</summary>
    public const string Small = "small";

    /// <summary>The small population without any campaign: a false-positive baseline.</summary>
    public const string BenignOnly = "benign-only";

    /// <summary>Only the hydra network hidden among a small benign population: tests coordination signals alone.</summary>
    public const string HydraOnly = "hydra-only";

    public static IReadOnlyList<string> All { get; } = [Demo, Seed, Small, BenignOnly, HydraOnly];
}

/// <summary>How far the generator has got.</summary>
public readonly record struct ScenarioProgress(
    string Stage, long LinesWritten, int FilesWritten, int DaysDone, int DaysTotal, string? CurrentFile);

/// <summary>What was written.</summary>
public sealed record ScenarioSummary(
    string Scenario,
    int Seed,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Accounts,
    int CampaignAccounts,
    long Requests,
    long CampaignRequests,
    int BadLines,
    IReadOnlyList<string> Files,
    long BytesWritten,
    TimeSpan Elapsed)
{
    public double LinesPerSecond => Requests / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

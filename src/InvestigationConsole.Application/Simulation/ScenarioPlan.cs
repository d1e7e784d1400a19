namespace InvestigationConsole.Application.Simulation;

/// <summary>A campaign's size: its accounts and the exchanges it makes over the whole window.</summary>
internal sealed record CampaignPlan(int Accounts, long Requests);

/// <summary>The population a scenario simulates; rates per account are the cohorts' own.</summary>
internal sealed record ScenarioPlan
{
    public required string Name { get; init; }
    public required int Days { get; init; }

    /// <summary>Where in the window (0..1) the new model is released.</summary>
    public double ReleaseAt { get; init; } = 0.55;

    public int OrdinaryUsers { get; init; }
    public int Developers { get; init; }
    public int CodingAgentProducts { get; init; }
    public int AccountsPerProduct { get; init; } = 4;
    public double ProductDailyExchanges { get; init; }
    public int Enterprises { get; init; }
    public int AccountsPerEnterprise { get; init; }
    public double EnterpriseDailyBatch { get; init; }
    public int EvalRunners { get; init; }
    public int Universities { get; init; }
    public int StudentsPerUniversity { get; init; }
    public int PowerUsers { get; init; }

    /// <summary>Multiplies every human's activity: large populations are mostly light users.</summary>
    public double HumanActivity { get; init; } = 1.0;

    public CampaignPlan? ReasoningHarvest { get; init; }
    public CampaignPlan? AgenticHarvest { get; init; }
    public CampaignPlan? HydraNetwork { get; init; }

    /// <summary>Accounts that sign up after the registry export, so requests name accounts it lacks.</summary>
    public int LateSignups { get; init; } = 3;

    /// <summary>Accounts whose registry line is exported again, changed, at the end of accounts.jsonl.</summary>
    public int RegistryUpdates { get; init; } = 12;
}

internal static class ScenarioCatalog
{
    public static ScenarioPlan Get(string name) => name switch
    {
        ScenarioNames.Demo => Demo,
        ScenarioNames.Seed => Seed,
        ScenarioNames.Small => Small,
        ScenarioNames.BenignOnly => Small with { Name = ScenarioNames.BenignOnly, ReasoningHarvest = null, AgenticHarvest = null, HydraNetwork = null },
        ScenarioNames.HydraOnly => Small with { Name = ScenarioNames.HydraOnly, ReasoningHarvest = null, AgenticHarvest = null },
        _ => throw new ArgumentException(
            $"Unknown scenario '{name}'. Known: {string.Join(", ", ScenarioNames.All)}.", nameof(name)),
    };

    private static readonly ScenarioPlan Small = new()
    {
        Name = ScenarioNames.Small,
        Days = 7,
        OrdinaryUsers = 300,
        Developers = 90,
        CodingAgentProducts = 2,
        AccountsPerProduct = 3,
        ProductDailyExchanges = 250,
        Enterprises = 2,
        AccountsPerEnterprise = 20,
        EnterpriseDailyBatch = 150,
        EvalRunners = 12,
        Universities = 1,
        StudentsPerUniversity = 60,
        PowerUsers = 12,
        ReasoningHarvest = new(20, 2_000),
        AgenticHarvest = new(30, 4_000),
        HydraNetwork = new(160, 9_000),
        LateSignups = 3,
        RegistryUpdates = 8,
    };

    private static readonly ScenarioPlan Demo = new()
    {
        Name = ScenarioNames.Demo,
        Days = 21,
        OrdinaryUsers = 2_900,
        Developers = 520,
        CodingAgentProducts = 3,
        AccountsPerProduct = 4,
        ProductDailyExchanges = 600,
        Enterprises = 3,
        AccountsPerEnterprise = 50,
        EnterpriseDailyBatch = 400,
        EvalRunners = 40,
        Universities = 2,
        StudentsPerUniversity = 150,
        PowerUsers = 45,
        HumanActivity = 0.85,
        ReasoningHarvest = new(45, 12_000),
        AgenticHarvest = new(90, 30_000),
        HydraNetwork = new(560, 75_000),
        LateSignups = 4,
        RegistryUpdates = 16,
    };

    // ≈ 16M requests in total, as the issues define the public case: ≈ 9.4M from the campaigns, ≈ 6.6M benign.
    private static readonly ScenarioPlan Seed = new()
    {
        Name = ScenarioNames.Seed,
        Days = 42,
        OrdinaryUsers = 154_000,
        Developers = 30_000,
        CodingAgentProducts = 12,
        AccountsPerProduct = 6,
        ProductDailyExchanges = 1_500,
        Enterprises = 20,
        AccountsPerEnterprise = 150,
        EnterpriseDailyBatch = 700,
        EvalRunners = 1_000,
        Universities = 4,
        StudentsPerUniversity = 3_000,
        PowerUsers = 2_000,
        HumanActivity = 0.2,
        ReasoningHarvest = new(600, 150_000),
        AgenticHarvest = new(3_400, 2_000_000),
        HydraNetwork = new(20_000, 7_500_000),
        LateSignups = 12,
        RegistryUpdates = 120,
    };
}

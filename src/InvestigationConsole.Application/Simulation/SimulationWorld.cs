namespace InvestigationConsole.Application.Simulation;

/// <summary>Everything a scenario simulates: the clock, the address space, the accounts and the cohorts behind them.</summary>
internal sealed class SimulationWorld
{
    public SimulationWorld(ScenarioPlan plan, int seed, DateTimeOffset end)
    {
        Plan = plan;
        Seed = seed;
        SeedKey = SimulationRandom.Key((ulong)(uint)seed, 0x5EED);
        Clock = new SimulationClock(end, plan.Days, plan.ReleaseAt);
        Addresses = new AddressSpace(SeedKey);
        Population = new Population(SeedKey);
        DesktopClientPrompts = UserAgents.DesktopClients.Select(c => Population.RegisterSystemPrompt(c.SystemPrompt)).ToArray();

        var cohorts = new List<TrafficCohort>
        {
            new OrdinaryUsers(this, plan.OrdinaryUsers, plan.LateSignups),
            new IndividualDevelopers(this, plan.Developers),
            new CodingAgentProducts(this, plan.CodingAgentProducts, plan.AccountsPerProduct, plan.ProductDailyExchanges),
            new Enterprises(this, plan.Enterprises, plan.AccountsPerEnterprise, plan.EnterpriseDailyBatch),
            new EvalRunners(this, plan.EvalRunners),
            new UniversityStudents(this, plan.Universities, plan.StudentsPerUniversity),
            new PowerUsers(this, plan.PowerUsers),
        };
        if (plan.ReasoningHarvest is { } reasoning)
        {
            cohorts.Add(new ReasoningHarvest(this, reasoning));
        }

        if (plan.AgenticHarvest is { } agentic)
        {
            cohorts.Add(new AgenticHarvest(this, agentic));
        }

        if (plan.HydraNetwork is { } hydra)
        {
            cohorts.Add(new HydraNetwork(this, hydra));
        }

        Cohorts = cohorts;
        RegistryChanges.Apply(this);
    }

    public ScenarioPlan Plan { get; }
    public int Seed { get; }
    public ulong SeedKey { get; }
    public SimulationClock Clock { get; }
    public AddressSpace Addresses { get; }
    public Population Population { get; }
    public IReadOnlyList<TrafficCohort> Cohorts { get; }

    /// <summary>The system prompt each third-party chat app sends, by <see cref="UserAgents.DesktopClients"/> index.</summary>
    public int[] DesktopClientPrompts { get; }

    public IEnumerable<CampaignCohort> Campaigns => Cohorts.OfType<CampaignCohort>();
}

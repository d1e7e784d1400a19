namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Campaign (2): harvests agentic tool use and coding. Aged accounts bought or made months before
/// their first request, each request over a rotating residential proxy with a rotating client string,
/// scheduler-driven multi-step trajectories round the clock, sweeping capability areas in order.
/// </summary>
internal sealed class AgenticHarvest : CampaignCohort
{
    public const string Id = "lab-b-agentic-harvest";

    private static readonly (PromptFamily Family, int MinTools, int MaxTools)[] Areas =
    [
        (PromptFamily.SweepCoding, 8, 14),
        (PromptFamily.SweepDataAnalysis, 5, 9),
        (PromptFamily.SweepComputerUse, 12, 20),
        (PromptFamily.SweepVision, 0, 0),
    ];

    private static readonly SessionShape Trajectory = new(6, 0.4, 2, PromptFamily.SweepToolStep, 0.85);
    private static readonly ModelHabit Models = new(0.95, 48, 0.35, 24);

    private readonly (int Account, int FirstDay, int AreaOffset)[] _agents;
    private readonly uint[] _proxies;
    private readonly double _sessionsPerDay;

    public AgenticHarvest(SimulationWorld world, CampaignPlan plan)
        : base(world, Id)
    {
        var random = SetupRandom(0xA9E);
        _proxies = SimulationRandom.Draw(ref random, Math.Max(40, plan.Accounts * 3 / 4), AddressSpace.RandomSlash24);
        _agents = new (int, int, int)[plan.Accounts];
        var lastActivation = Math.Min(5, world.Clock.DayCount / 3);
        var sharedCard = Population.NewCard();
        for (var i = 0; i < plan.Accounts; i++)
        {
            var region = Region.Pick(ref random);
            var account = Enrol(SignedUpBefore(ref random, 90, 300));
            account.EmailDomain = Identities.Provider(ref random);
            account.EmailLocalPart = Identities.PersonLocalPart(ref random);
            account.BillingCountry = region.PickCountry(ref random);
            account.SignupIp = AddressSpace.RandomHost(ref random);
            account.Verification = random.Chance(0.6) ? Verification.Email : Verification.Phone;
            account.Tier = random.Chance(0.7) ? Tier.Tier1 : Tier.Tier2;
            sharedCard = random.Chance(0.6) ? Population.NewCard() : sharedCard;
            account.PaymentFingerprint = sharedCard;
            _agents[i] = (account.Index, random.Between(0, lastActivation), random.Next(Areas.Length));
        }

        var activeDays = Math.Max(1.0, world.Clock.DayCount - (lastActivation / 2.0));
        _sessionsPerDay = plan.Requests / (double)plan.Accounts / activeDays / 5.6;
    }

    public override string Kind => "agentic_harvest";

    public override IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>
    {
        ["focus"] = "agentic tool use, coding, data analysis, computer use, vision; capability areas swept in order",
        ["infrastructure"] = $"aged accounts (created 90-300 days before first use), {_proxies.Length} residential proxy /24s rotated per trajectory, rotating user agents",
        ["timing"] = "round the clock, trajectories started on a 30-second scheduler",
    };

    public override void EmitDay(int day, DayLedger ledger)
    {
        var dayStart = Clock.DayStart(day);
        foreach (var (accountIndex, firstDay, areaOffset) in _agents)
        {
            if (day < firstDay)
            {
                continue;
            }

            var random = RandomFor(accountIndex, day);
            var account = Population[accountIndex];
            var sessions = random.Poisson(_sessionsPerDay);
            for (var s = 0; s < sessions; s++)
            {
                var slot = random.Next(2_880);
                var start = dayStart + (slot * 30 * SimulationClock.TicksPerSecond) + (random.Next(1_500) * TimeSpan.TicksPerMillisecond);
                var area = Areas[random.Chance(0.8) ? (((day - firstDay) / 2) + areaOffset) % Areas.Length : random.Next(Areas.Length)];
                var userAgent = random.Next(3) switch
                {
                    0 => UserAgents.Sdk(ref random),
                    1 => UserAgents.Browser(ref random),
                    _ => UserAgents.Script(ref random),
                };
                var ip = AddressSpace.Host(random.Pick(_proxies), ref random);
                var first = Start(account, start, ip, userAgent, Models.Choose(ref random, start, Clock.ReleaseTicks), area.Family);
                first.ToolCount = (byte)random.Between(area.MinTools, area.MaxTools);
                first.Flags = random.Chance(0.15) ? ExchangeFlags.IPv6 : ExchangeFlags.None;
                var steps = area.Family == PromptFamily.SweepVision ? random.Between(1, 2) : Math.Min(random.Geometric(7), 40);
                EmitSession(ledger, ref random, first, steps, Trajectory);
            }
        }
    }
}

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Campaign (1): harvests reasoning traces. A few hundred paid accounts from sign-up bursts, cards
/// shared by groups, a handful of hosting /24s; workers fire at near-constant intervals round the
/// clock with a shared maintenance pause, sending chain-of-thought elicitation, rubric grading with
/// the model as reward model, and "censorship-safe" rewrites.
/// </summary>
internal sealed class ReasoningHarvest : CampaignCohort
{
    public const string Id = "lab-a-reasoning-harvest";

    private static readonly string[] CoverDomains = ["kestrel-research.ai", "brightpath-labs.io", "quillon-tech.com"];
    private static readonly string[] Countries = ["SG", "US", "HK", "MY", "GB"];

    private static readonly ModelHabit Models = new(0.9, 72, 0.4, 24);

    private readonly Worker[] _workers;
    private readonly int[] _systemPrompts;
    private readonly double _dailyPerAccount;
    private readonly int _maintenanceHour;

    public ReasoningHarvest(SimulationWorld world, CampaignPlan plan)
        : base(world, Id)
    {
        var random = SetupRandom(0xC07);
        var hosting = SimulationRandom.Draw(ref random, 6, World.Addresses.CloudSlash24);
        _systemPrompts =
        [
            Population.RegisterSystemPrompt("You are a meticulous expert. Always show your complete reasoning before the answer."),
            Population.RegisterSystemPrompt("You are a careful grader. Justify every judgement in detail."),
        ];
        _dailyPerAccount = plan.Requests / (double)plan.Accounts / world.Clock.DayCount;
        _maintenanceHour = random.Next(24);
        _workers = new Worker[plan.Accounts];
        var bursts = SimulationRandom.Draw(ref random, 3, (ref SimulationRandom r) => SignedUpBefore(ref r, 20, 60));
        var card = string.Empty;
        for (var i = 0; i < plan.Accounts; i++)
        {
            var account = Enrol(bursts[i % bursts.Length] + ((i / bursts.Length) * random.Between(30, 120) * SimulationClock.TicksPerSecond));
            var cover = random.Chance(0.5);
            account.EmailDomain = cover ? random.Pick(CoverDomains) : Identities.Provider(ref random);
            account.EmailLocalPart = Identities.PersonLocalPart(ref random);
            account.BillingCountry = random.Pick(Countries);
            account.SignupIp = AddressSpace.Host(random.Pick(hosting), ref random);
            account.Verification = random.Chance(0.7) ? Verification.Email : Verification.Phone;
            account.Tier = random.Chance(0.6) ? Tier.Tier1 : Tier.Tier2;
            card = i % 8 == 0 ? Population.NewCard() : card;
            account.PaymentFingerprint = card;
            _workers[i] = new Worker(
                account.Index,
                [AddressSpace.Host(random.Pick(hosting), ref random), AddressSpace.Host(random.Pick(hosting), ref random)],
                random.Chance(0.8) ? UserAgents.Script(ref random) : UserAgents.Sdk(ref random),
                random.Chance(0.8) ? 0 : random.Between(1, Math.Max(1, world.Clock.DayCount / 3)));
        }
    }

    public override string Kind => "cot_harvest";

    public override IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>
    {
        ["focus"] = "chain-of-thought elicitation, rubric grading (model as reward model), censorship-safe rewrites",
        ["infrastructure"] = "6 hosting /24s, cards shared by groups of 8, accounts from 3 sign-up bursts",
        ["timing"] = $"near-constant intervals round the clock, shared pause {_maintenanceHour:00}:00-{_maintenanceHour:00}:59 UTC",
    };

    public override void EmitDay(int day, DayLedger ledger)
    {
        var dayStart = Clock.DayStart(day);
        foreach (var worker in _workers)
        {
            if (day < worker.FirstDay)
            {
                continue;
            }

            var random = RandomFor(worker.Account, day);
            var account = Population[worker.Account];
            var count = random.Poisson(_dailyPerAccount * random.Between(0.85, 1.15));
            var interval = SimulationClock.TicksPerDay / Math.Max(1, count);
            var ticks = dayStart + (long)(random.NextDouble() * interval);
            for (var k = 0; k < count; k++, ticks += (long)(interval * random.Between(0.9, 1.1)))
            {
                if (ticks < account.CreatedTicks || (ticks - dayStart) / SimulationClock.TicksPerHour == _maintenanceHour)
                {
                    continue;
                }

                var draw = random.NextDouble();
                var family = draw < 0.55 ? PromptFamily.CotElicitation : draw < 0.85 ? PromptFamily.RubricGrading : PromptFamily.CensorshipRewrite;
                var model = Models.Choose(ref random, ticks, Clock.ReleaseTicks);
                var exchange = Start(account, ticks, random.Pick(worker.Addresses), worker.UserAgent, model, family);
                exchange.SystemPrompt = random.Chance(0.6) ? _systemPrompts[family == PromptFamily.RubricGrading ? 1 : 0] : 0;
                exchange.Seed = random.NextUInt64();
                ledger.Add(exchange);
            }
        }
    }

    private sealed record Worker(int Account, uint[] Addresses, ushort UserAgent, int FirstDay);
}

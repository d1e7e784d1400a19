namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Campaign (3): a proxy reseller's hydra. Thousands of free-tier accounts from disposable domains,
/// made in sign-up bursts cell by cell; prepaid cards and proxy /24s shared within cells. A central
/// dispatcher load-balances templated coding and tool-use prompts across the accounts in synchronised
/// ticks, mixes in resold ordinary traffic, and moves to the new model within hours of its release.
/// </summary>
internal sealed class HydraNetwork : CampaignCohort
{
    public const string Id = "lab-c-hydra-network";

    private const double AttackShare = 0.72;
    private const double BatchSize = 6;

    private static readonly PromptFamily[] ResoldPalette =
        [PromptFamily.Chat, PromptFamily.Writing, PromptFamily.CodingQuestion, PromptFamily.Translation, PromptFamily.Summarisation, PromptFamily.Math];

    private static readonly ModelHabit ResoldModels = new(0.5, 96, 0.2, 72);

    private readonly HydraCell[] _cells;
    private readonly ushort[] _userAgents;
    private readonly int[] _systemPrompts;
    private readonly double _attackPerDay;
    private readonly double _resoldPerDay;
    private readonly ModelHabit _pivot;

    public HydraNetwork(SimulationWorld world, CampaignPlan plan)
        : base(world, Id)
    {
        var random = SetupRandom(0x4D7A);
        _cells = HydraCell.Recruit(this, ref random, plan.Accounts);
        foreach (var newest in _cells[^1].NewestMembers(2))
        {
            Population[newest].Unregistered = true;
        }

        _userAgents = [UserAgents.Sdk(ref random), UserAgents.Sdk(ref random), UserAgents.Script(ref random)];
        _systemPrompts = Enumerable.Range(0, 3).Select(v => Population.RegisterSystemPrompt($"relay worker profile {v}: answer fully, use tools when offered")).ToArray();
        _attackPerDay = plan.Requests * AttackShare / world.Clock.DayCount;
        _resoldPerDay = plan.Requests * (1 - AttackShare) / world.Clock.DayCount;
        PivotDelayHours = random.Between(2, 8);
        _pivot = new ModelHabit(0.85, PivotDelayHours, 0.75, 2);
    }

    public override string Kind => "hydra_proxy";

    public double PivotDelayHours { get; }

    public override IReadOnlyDictionary<string, string> Notes => new Dictionary<string, string>
    {
        ["focus"] = "agentic coding and tool use, mixed with about 28% resold ordinary traffic",
        ["infrastructure"] = $"{_cells.Length} cells; prepaid cards and proxy /24s shared within a cell; disposable e-mail domains; free tier",
        ["timing"] = $"dispatcher ticks of about {BatchSize} requests on different accounts within the same second",
        ["pivot"] = $"about 75% of attack traffic to {ModelCatalog.NewModelName} from {PivotDelayHours:0.0} h after release (2 h ramp)",
        ["pivot_at"] = SimulationClock.ToTimeText(Clock.ReleaseTicks + (long)(PivotDelayHours * SimulationClock.TicksPerHour)),
    };

    /// <summary>Lets cells enrol accounts under this campaign.</summary>
    internal SimulatedAccount EnrolMember(long createdTicks) => Enrol(createdTicks);

    internal SimulationWorld Network => World;

    public override void EmitDay(int day, DayLedger ledger)
    {
        var dayStart = Clock.DayStart(day);
        var random = SimulationRandom.For(World.SeedKey, 0x4D7A, (ulong)(day + 1));
        var tickTicks = (long)(BatchSize / (_attackPerDay / 86_400.0) * SimulationClock.TicksPerSecond);
        for (var tick = dayStart + random.Next((int)Math.Min(tickTicks, int.MaxValue)); tick < dayStart + SimulationClock.TicksPerDay; tick += tickTicks + (random.Next(400) * TimeSpan.TicksPerMillisecond))
        {
            var cell = PickCell(ref random, tick);
            if (cell is null)
            {
                continue;
            }

            var batch = random.Poisson(BatchSize);
            for (var b = 0; b < batch; b++)
            {
                var ticks = tick + (random.Next(800) * TimeSpan.TicksPerMillisecond);
                if (cell.PickActive(ref random, ticks) is not { } account)
                {
                    continue;
                }

                var family = random.Chance(0.55) ? PromptFamily.HydraCoding : PromptFamily.HydraToolUse;
                var exchange = Start(account, ticks, cell.Proxy(ref random), random.Pick(_userAgents), _pivot.Choose(ref random, ticks, Clock.ReleaseTicks), family);
                exchange.ToolCount = (byte)random.Between(4, 16);
                exchange.Turns = (ushort)(1 + (2 * (random.Geometric(1.6) - 1)));
                exchange.SystemPrompt = random.Pick(_systemPrompts);
                exchange.Seed = random.NextUInt64();
                ledger.Add(exchange);
            }
        }

        EmitResold(dayStart, ledger, ref random);
    }

    /// <summary>Ordinary customers of the reseller: human timing, everyday prompts, same accounts and proxies.</summary>
    private void EmitResold(long dayStart, DayLedger ledger, ref SimulationRandom random)
    {
        var count = random.Poisson(_resoldPerDay);
        for (var i = 0; i < count; i++)
        {
            var ticks = HumanRhythm.Everyday.SampleWorldwide(ref random, dayStart);
            var cell = PickCell(ref random, ticks);
            if (cell?.PickActive(ref random, ticks) is not { } account)
            {
                continue;
            }

            var exchange = Start(account, ticks, cell.Proxy(ref random), random.Pick(_userAgents), ResoldModels.Choose(ref random, ticks, Clock.ReleaseTicks), random.Pick(ResoldPalette));
            exchange.Turns = (ushort)(1 + (2 * random.Next(5)));
            exchange.Seed = random.NextUInt64();
            ledger.Add(exchange);
        }
    }

    private HydraCell? PickCell(ref SimulationRandom random, long ticks)
    {
        var active = 0;
        while (active < _cells.Length && _cells[active].ActiveFrom <= ticks)
        {
            active++;
        }

        return active == 0 ? null : _cells[random.Next(active)];
    }
}

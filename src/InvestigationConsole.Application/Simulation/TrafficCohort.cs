namespace InvestigationConsole.Application.Simulation;

/// <summary>How a run of exchanges by one actor unfolds.</summary>
internal readonly record struct SessionShape(
    double MedianGapSeconds,
    double GapSigma = 0.7,
    int TurnStep = 2,
    PromptFamily? FollowUp = null,
    double FollowUpShare = 0,
    double ThrottledShare = 0);

/// <summary>A group of accounts that behave alike: one benign kind, or one campaign.</summary>
internal abstract class TrafficCohort(SimulationWorld world, string label)
{
    public string Label => label;

    public virtual bool IsCampaign => false;

    protected SimulationWorld World => world;

    protected SimulationClock Clock => world.Clock;

    protected Population Population => world.Population;

    /// <summary>Adds this cohort's exchanges that start on the given day.</summary>
    public abstract void EmitDay(int day, DayLedger ledger);

    protected SimulatedAccount Enrol(long createdTicks, int apiKeys = 1) =>
        Population.Enrol(label, IsCampaign, createdTicks, apiKeys);

    /// <summary>An independent stream per actor and day, so one actor's draws never shift another's.</summary>
    protected SimulationRandom RandomFor(int actor, int day, ulong salt = 0) =>
        SimulationRandom.For(world.SeedKey, (ulong)actor, (ulong)(day + 1), salt);

    /// <summary>A stream for setting up the cohort itself.</summary>
    protected SimulationRandom SetupRandom(ulong salt) => SimulationRandom.For(world.SeedKey, 0xC0407, salt);

    /// <summary>A sign-up time between <paramref name="minDays"/> and <paramref name="maxDays"/> before the window opens.</summary>
    protected long SignedUpBefore(ref SimulationRandom random, double minDays, double maxDays) =>
        Clock.StartTicks - (long)(random.Between(minDays, maxDays) * SimulationClock.TicksPerDay);

    /// <summary>A run of exchanges: gaps drawn log-normally, the conversation growing by <c>TurnStep</c> messages each time.</summary>
    internal static long EmitSession(DayLedger ledger, ref SimulationRandom random, Exchange first, int count, in SessionShape shape)
    {
        var exchange = first;
        var theme = first.Theme;
        for (var i = 0; i < count; i++)
        {
            exchange.Seed = Exchange.SeedWithTheme(random.NextUInt64(), theme);
            exchange.Turns = (ushort)Math.Min(first.Turns + (i * shape.TurnStep), 399);
            exchange.Family = i > 0 && shape.FollowUp is { } followUp && random.Chance(shape.FollowUpShare) ? followUp : first.Family;
            exchange.Status = random.Chance(shape.ThrottledShare) ? (short)429 : first.Status;
            ledger.Add(exchange);
            exchange.Ticks += (long)(random.LogNormal(shape.MedianGapSeconds, shape.GapSigma) * SimulationClock.TicksPerSecond);
        }

        return exchange.Ticks;
    }

    /// <summary>The exchange every session starts from: who, when, from where, which model.</summary>
    internal static Exchange Start(SimulatedAccount account, long ticks, uint ip, ushort userAgent, byte model, PromptFamily family) => new()
    {
        Ticks = ticks,
        Account = account.Index,
        Ip = ip,
        UserAgent = userAgent,
        Model = model,
        Family = family,
        Turns = 1,
        Status = 200,
    };
}

/// <summary>A campaign: its accounts are fraudulent, and truth.json describes it.</summary>
internal abstract class CampaignCohort(SimulationWorld world, string id) : TrafficCohort(world, id)
{
    public override bool IsCampaign => true;

    /// <summary>cot_harvest, agentic_harvest or hydra_proxy.</summary>
    public abstract string Kind { get; }

    /// <summary>What the campaign harvests and how it hides, for truth.json.</summary>
    public abstract IReadOnlyDictionary<string, string> Notes { get; }
}

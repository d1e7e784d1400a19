namespace InvestigationConsole.Application.Simulation;

/// <summary>How one person uses the API: when, how much, from where, with which client, about what.</summary>
internal struct HumanHabit
{
    public int Account;
    public long ActiveFrom;
    public int OffsetMinutes;
    public double SessionsPerDay;
    public double WeekendFactor;
    public double RequestsPerSession;
    public double MedianGapSeconds;
    public uint HomeIp;
    public uint AwaySlash24;
    public double AwayShare;
    public double VpnShare;
    public bool IPv6;
    public bool LegacyEndpoint;
    public ushort UserAgent;
    public int SystemPrompt;
    public byte ToolCount;
    public ModelHabit Models;
    public PromptFamily Favourite;
    public PromptFamily Second;
    public PromptFamily Third;

    /// <summary>Picks three interests from a cohort's palette, the first one dominant.</summary>
    public void ChooseInterests(ref SimulationRandom random, PromptFamily[] palette)
    {
        Favourite = random.Pick(palette);
        Second = random.Pick(palette);
        Third = random.Pick(palette);
    }

    public readonly PromptFamily NextFamily(ref SimulationRandom random, PromptFamily[] palette)
    {
        var draw = random.NextDouble();
        return draw < 0.55 ? Favourite : draw < 0.8 ? Second : draw < 0.92 ? Third : random.Pick(palette);
    }
}

/// <summary>Turns a <see cref="HumanHabit"/> into a day of bursty sessions on a local-time rhythm.</summary>
internal static class HumanDay
{
    public static void Emit(
        SimulationWorld world,
        in HumanHabit habit,
        ref SimulationRandom random,
        int day,
        HumanRhythm rhythm,
        PromptFamily[] palette,
        DayLedger ledger,
        in SessionShape shape,
        int theme = 0)
    {
        var clock = world.Clock;
        var dayStart = clock.DayStart(day);
        if (dayStart + SimulationClock.TicksPerDay <= habit.ActiveFrom)
        {
            return;
        }

        var weekend = SimulationClock.IsWeekend(dayStart + (12 * SimulationClock.TicksPerHour), habit.OffsetMinutes);
        var mood = random.LogNormal(1.0, 0.6);
        var sessions = random.Poisson(habit.SessionsPerDay * mood * (weekend ? habit.WeekendFactor : 1.0));
        var account = world.Population[habit.Account];
        for (var s = 0; s < sessions; s++)
        {
            var start = rhythm.Sample(ref random, dayStart, habit.OffsetMinutes);
            if (start < habit.ActiveFrom)
            {
                continue;
            }

            var (ip, flags) = Address(world, habit, ref random);
            var family = habit.NextFamily(ref random, palette);
            var first = TrafficCohort.Start(account, start, ip, habit.UserAgent, habit.Models.Choose(ref random, start, clock.ReleaseTicks), family);
            first.Flags = flags;
            first.SystemPrompt = habit.SystemPrompt;
            first.ToolCount = habit.ToolCount;
            first.Seed = Exchange.SeedWithTheme(0, theme);
            TrafficCohort.EmitSession(ledger, ref random, first, random.Geometric(habit.RequestsPerSession), shape);
        }
    }

    private static (uint Ip, ExchangeFlags Flags) Address(SimulationWorld world, in HumanHabit habit, ref SimulationRandom random)
    {
        var legacy = habit.LegacyEndpoint ? ExchangeFlags.LegacyEndpoint : ExchangeFlags.None;
        if (random.Chance(habit.VpnShare))
        {
            return (world.Addresses.VpnExit(ref random), legacy);
        }

        if (habit.AwaySlash24 != 0 && random.Chance(habit.AwayShare))
        {
            return (AddressSpace.Host(habit.AwaySlash24, ref random), legacy);
        }

        return (habit.HomeIp, legacy | (habit.IPv6 ? ExchangeFlags.IPv6 : ExchangeFlags.None));
    }
}

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Developers building on the API: debugging loops of near-identical coding prompts in working hours
/// and evenings, their own system prompts, and sometimes a small deployed bot on a cloud server that
/// sends a templated prompt on a cron schedule around the clock.
/// </summary>
internal sealed class IndividualDevelopers : TrafficCohort
{
    public const string Kind = "individual_developer";

    private static readonly PromptFamily[] Palette =
    [
        PromptFamily.CodingQuestion, PromptFamily.CodingQuestion, PromptFamily.CodingQuestion, PromptFamily.AgentTask,
        PromptFamily.DataQuestion, PromptFamily.Writing, PromptFamily.Summarisation, PromptFamily.Chat,
    ];

    private static readonly string[] SharedLocalParts = ["info", "admin", "dev", "hello", "contact"];
    private static readonly SessionShape Shape = new(40, 0.8, 2, PromptFamily.FollowUp, 0.35, 0.005);
    private static readonly SessionShape AgentShape = new(9, 0.6, 2, PromptFamily.AgentToolResult, 0.8);

    private readonly HumanHabit[] _developers;
    private readonly (uint Server, int Minute, double RunsPerHour, int SystemPrompt)[] _bots;

    public IndividualDevelopers(SimulationWorld world, int count)
        : base(world, Kind)
    {
        var random = SetupRandom(0xDE7);
        _developers = new HumanHabit[count];
        _bots = new (uint, int, double, int)[count];
        for (var i = 0; i < count; i++)
        {
            var region = Region.Pick(ref random);
            var account = Enrol(SignedUpBefore(ref random, 3, 900), random.Chance(0.4) ? 2 : 1);
            var ownDomain = random.Chance(0.25);
            account.EmailDomain = ownDomain ? Identities.CompanyDomain(ref random) : Identities.Provider(ref random);
            account.EmailLocalPart = ownDomain && random.Chance(0.2) ? random.Pick(SharedLocalParts) : Identities.PersonLocalPart(ref random);
            account.BillingCountry = region.PickCountry(ref random);
            account.SignupIp = AddressSpace.RandomHost(ref random);
            account.Verification = random.Chance(0.5) ? Verification.Phone : Verification.Email;
            account.Tier = random.Chance(0.15) ? Tier.Free : random.Chance(0.6) ? Tier.Tier1 : random.Chance(0.7) ? Tier.Tier2 : Tier.Tier3;
            account.PaymentFingerprint = account.Tier == Tier.Free ? null : Population.NewCard();

            var habit = new HumanHabit
            {
                Account = account.Index,
                ActiveFrom = account.CreatedTicks,
                OffsetMinutes = region.OffsetMinutes,
                SessionsPerDay = random.LogNormal(0.35, 0.8) * World.Plan.HumanActivity,
                WeekendFactor = random.Between(0.15, 0.6),
                RequestsPerSession = random.Between(2.5, 7),
                HomeIp = account.SignupIp,
                AwaySlash24 = AddressSpace.RandomSlash24(ref random),
                AwayShare = 0.35,
                VpnShare = random.Chance(0.08) ? 0.5 : 0,
                IPv6 = random.Chance(0.2),
                UserAgent = random.Chance(0.6) ? UserAgents.Sdk(ref random) : UserAgents.Script(ref random),
                SystemPrompt = random.Chance(0.5) ? Population.RegisterSystemPrompt($"You are the assistant of {account.EmailLocalPart}'s side project #{i}.") : 0,
                ToolCount = (byte)(random.Chance(0.3) ? random.Between(1, 8) : 0),
                Models = random.Chance(0.5) ? ModelHabit.Eager(ref random, 0.5) : ModelHabit.Gradual(ref random, 0.5),
            };
            habit.ChooseInterests(ref random, Palette);
            _developers[i] = habit;

            _bots[i] = random.Chance(0.05)
                ? (AddressSpace.Host(World.Addresses.CloudSlash24(ref random), ref random), random.Next(60), random.Between(0.05, 0.6),
                   Population.RegisterSystemPrompt($"Digest bot {i}: summarise briefly and neutrally."))
                : default;
        }
    }

    public override void EmitDay(int day, DayLedger ledger)
    {
        for (var i = 0; i < _developers.Length; i++)
        {
            ref readonly var developer = ref _developers[i];
            var random = RandomFor(developer.Account, day);
            var shape = developer.ToolCount > 0 ? AgentShape : Shape;
            var rhythm = developer.Account % 3 == 0 ? HumanRhythm.NightOwl : HumanRhythm.Office;
            HumanDay.Emit(World, developer, ref random, day, rhythm, Palette, ledger, shape);
            if (_bots[i].Server != 0)
            {
                EmitBot(day, ledger, ref random, developer, _bots[i]);
            }
        }
    }

    private void EmitBot(int day, DayLedger ledger, ref SimulationRandom random, in HumanHabit developer, (uint Server, int Minute, double RunsPerHour, int SystemPrompt) bot)
    {
        var account = Population[developer.Account];
        var dayStart = Clock.DayStart(day);
        for (var hour = 0; hour < 24; hour++)
        {
            if (!random.Chance(bot.RunsPerHour))
            {
                continue;
            }

            var ticks = dayStart + (hour * SimulationClock.TicksPerHour) + (bot.Minute * TimeSpan.TicksPerMinute) + (random.Next(3_000) * TimeSpan.TicksPerMillisecond);
            if (ticks < account.CreatedTicks)
            {
                continue;
            }

            var first = Start(account, ticks, bot.Server, developer.UserAgent, developer.Models.Choose(ref random, ticks, Clock.ReleaseTicks), PromptFamily.SideProjectDigest);
            first.SystemPrompt = bot.SystemPrompt;
            EmitSession(ledger, ref random, first, random.Between(1, 3), new SessionShape(2.5, 0.3, 0));
        }
    }
}

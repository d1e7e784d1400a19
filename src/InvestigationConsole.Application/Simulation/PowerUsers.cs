namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Heavy individual users: long days and late nights, weekends too, every kind of prompt including
/// "show your reasoning", volumes near the rate limit, commercial VPNs, and the new model within hours.
/// </summary>
internal sealed class PowerUsers : TrafficCohort
{
    public const string Kind = "power_user";

    private static readonly PromptFamily[] Palette =
    [
        PromptFamily.CodingQuestion, PromptFamily.CuriousReasoning, PromptFamily.DataQuestion, PromptFamily.Writing,
        PromptFamily.Summarisation, PromptFamily.Vision, PromptFamily.AgentTask, PromptFamily.Math, PromptFamily.Chat,
    ];

    private static readonly SessionShape Shape = new(35, 0.8, 2, PromptFamily.FollowUp, 0.6, 0.03);

    private readonly HumanHabit[] _users;

    public PowerUsers(SimulationWorld world, int count)
        : base(world, Kind)
    {
        var random = SetupRandom(0x9043);
        _users = new HumanHabit[count];
        for (var i = 0; i < count; i++)
        {
            var region = Region.Pick(ref random);
            var account = Enrol(SignedUpBefore(ref random, 30, 800), random.Between(1, 3));
            account.EmailDomain = Identities.Provider(ref random);
            account.EmailLocalPart = Identities.PersonLocalPart(ref random);
            account.BillingCountry = region.PickCountry(ref random);
            account.SignupIp = AddressSpace.RandomHost(ref random);
            account.Verification = random.Chance(0.6) ? Verification.Phone : Verification.IdDocument;
            account.Tier = random.Chance(0.6) ? Tier.Tier3 : Tier.Tier4;
            account.PaymentFingerprint = Population.NewCard();

            var desktop = random.Chance(0.5);
            var client = 0;
            var habit = new HumanHabit
            {
                Account = account.Index,
                ActiveFrom = account.CreatedTicks,
                OffsetMinutes = region.OffsetMinutes,
                SessionsPerDay = random.LogNormal(3.5, 0.5) * World.Plan.HumanActivity,
                WeekendFactor = random.Between(0.7, 1.1),
                RequestsPerSession = random.Between(5, 12),
                HomeIp = account.SignupIp,
                AwaySlash24 = AddressSpace.RandomSlash24(ref random),
                AwayShare = 0.2,
                VpnShare = random.Chance(0.25) ? 0.3 : 0,
                IPv6 = random.Chance(0.3),
                UserAgent = desktop ? UserAgents.DesktopClient(ref random, out client) : UserAgents.Sdk(ref random),
                ToolCount = (byte)(random.Chance(0.3) ? random.Between(3, 10) : 0),
                Models = random.Chance(0.7) ? ModelHabit.Eager(ref random, 0.8) : ModelHabit.Gradual(ref random, 0.8),
            };
            habit.SystemPrompt = desktop ? World.DesktopClientPrompts[client] : 0;
            habit.ChooseInterests(ref random, Palette);
            _users[i] = habit;
        }
    }

    public override void EmitDay(int day, DayLedger ledger)
    {
        foreach (var user in _users)
        {
            var random = RandomFor(user.Account, day);
            HumanDay.Emit(World, user, ref random, day, HumanRhythm.NightOwl, Palette, ledger, Shape);
        }
    }
}

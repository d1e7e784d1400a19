namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// People using the API for everyday things through a chat app, a script or a browser tool:
/// human days in their own time zone, bursty, quieter at weekends. A few households share a card,
/// many share the system prompt of their chat app, some sit behind the same VPN exits.
/// </summary>
internal sealed class OrdinaryUsers : TrafficCohort
{
    public const string Kind = "ordinary_user";

    private static readonly PromptFamily[] Palette =
    [
        PromptFamily.Chat, PromptFamily.Chat, PromptFamily.Writing, PromptFamily.Writing, PromptFamily.CodingQuestion,
        PromptFamily.Translation, PromptFamily.Summarisation, PromptFamily.Math, PromptFamily.DataQuestion, PromptFamily.Vision,
        PromptFamily.CuriousReasoning,
    ];

    private static readonly SessionShape Shape = new(75, 0.9, 2, PromptFamily.FollowUp, 0.55);

    private readonly HumanHabit[] _people;

    public OrdinaryUsers(SimulationWorld world, int count, int lateSignups)
        : base(world, Kind)
    {
        var random = SetupRandom(0x0D1);
        _people = new HumanHabit[count + lateSignups];
        string? sharedCard = null;
        for (var i = 0; i < _people.Length; i++)
        {
            var late = i >= count;
            var created = late
                ? Clock.EndTicks - (long)(random.Between(8, 30) * SimulationClock.TicksPerHour)
                : random.Chance(0.05) ? Clock.StartTicks + (long)(random.NextDouble() * (Clock.EndTicks - Clock.StartTicks))
                : SignedUpBefore(ref random, 1, 720);
            var region = Region.Pick(ref random);
            var account = Enrol(created, random.Chance(0.1) ? 2 : 1);
            account.Unregistered = late;
            account.EmailDomain = Identities.Provider(ref random);
            account.EmailLocalPart = Identities.PersonLocalPart(ref random);
            account.BillingCountry = region.PickCountry(ref random);
            account.SignupIp = AddressSpace.RandomHost(ref random);
            account.Verification = random.Chance(0.3) ? Verification.Phone : Verification.Email;
            account.Tier = random.Chance(0.45) ? Tier.Free : random.Chance(0.8) ? Tier.Tier1 : Tier.Tier2;
            if (account.Tier != Tier.Free)
            {
                // About one paying household in fifty shares a card between two accounts.
                account.PaymentFingerprint = sharedCard is not null && random.Chance(0.02) ? sharedCard : Population.NewCard();
                sharedCard = account.PaymentFingerprint;
            }

            _people[i] = NewHabit(ref random, account, region, late);
        }
    }

    public override void EmitDay(int day, DayLedger ledger)
    {
        for (var i = 0; i < _people.Length; i++)
        {
            var random = RandomFor(_people[i].Account, day);
            HumanDay.Emit(World, _people[i], ref random, day, HumanRhythm.Everyday, Palette, ledger, Shape);
        }
    }

    private HumanHabit NewHabit(ref SimulationRandom random, SimulatedAccount account, Region region, bool late)
    {
        var habit = new HumanHabit
        {
            Account = account.Index,
            ActiveFrom = account.CreatedTicks,
            OffsetMinutes = region.OffsetMinutes,
            SessionsPerDay = late ? 4 : random.LogNormal(0.25, 0.9) * World.Plan.HumanActivity,
            WeekendFactor = random.Between(0.45, 0.95),
            RequestsPerSession = random.Between(1.5, 5),
            MedianGapSeconds = 60,
            HomeIp = account.SignupIp,
            AwaySlash24 = random.Chance(0.6) ? AddressSpace.RandomSlash24(ref random) : 0,
            AwayShare = 0.2,
            VpnShare = random.Chance(0.06) ? 0.4 : 0,
            IPv6 = random.Chance(0.25),
            LegacyEndpoint = random.Chance(0.02),
            Models = ModelHabit.Gradual(ref random, random.Between(0.2, 0.8)),
        };
        habit.ChooseInterests(ref random, Palette);
        switch (random.Next(10))
        {
            case < 5:
                habit.UserAgent = UserAgents.DesktopClient(ref random, out var client);
                habit.SystemPrompt = World.DesktopClientPrompts[client];
                break;
            case < 8:
                habit.UserAgent = UserAgents.Browser(ref random);
                break;
            default:
                habit.UserAgent = UserAgents.Script(ref random);
                break;
        }

        return habit;
    }
}

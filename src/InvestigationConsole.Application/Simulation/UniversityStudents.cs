namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Students behind a campus NAT: an .edu domain, free tier, signed up in the first weeks of term,
/// all on a handful of addresses in one /24, and the same homework question asked by half the class
/// before each deadline.
/// </summary>
internal sealed class UniversityStudents : TrafficCohort
{
    public const string Kind = "university_student";

    private const int DaysPerAssignment = 4;

    private static readonly PromptFamily[] Palette =
    [
        PromptFamily.Homework, PromptFamily.Homework, PromptFamily.Homework, PromptFamily.Math, PromptFamily.Writing,
        PromptFamily.CodingQuestion, PromptFamily.Translation, PromptFamily.Summarisation, PromptFamily.CuriousReasoning, PromptFamily.Chat,
    ];

    private static readonly SessionShape Shape = new(80, 0.9, 2, PromptFamily.FollowUp, 0.6, 0.01);

    private readonly List<(HumanHabit Habit, int University)> _students = [];

    public UniversityStudents(SimulationWorld world, int universities, int studentsPerUniversity)
        : base(world, Kind)
    {
        var random = SetupRandom(0x5705);
        for (var u = 0; u < universities; u++)
        {
            var (domain, offset, country) = Identities.Universities[u % Identities.Universities.Length];
            var campus = AddressSpace.RandomSlash24(ref random);
            var natPool = SimulationRandom.Draw(ref random, 8, (ref SimulationRandom r) => AddressSpace.Host(campus, ref r));
            var termStart = SignedUpBefore(ref random, 25, 60);
            for (var s = 0; s < studentsPerUniversity; s++)
            {
                var created = random.Chance(0.85)
                    ? termStart + (long)(random.Exponential(3) * SimulationClock.TicksPerDay)
                    : SignedUpBefore(ref random, 120, 700);
                var account = Enrol(created);
                account.EmailDomain = domain;
                account.EmailLocalPart = Identities.PersonLocalPart(ref random);
                account.BillingCountry = random.Chance(0.8) ? country : null;
                account.SignupIp = random.Pick(natPool);
                account.Verification = random.Chance(0.9) ? Verification.Email : Verification.Phone;
                account.Tier = random.Chance(0.9) ? Tier.Free : Tier.Tier1;
                account.PaymentFingerprint = account.Tier == Tier.Free ? null : Population.NewCard();

                var habit = new HumanHabit
                {
                    Account = account.Index,
                    ActiveFrom = account.CreatedTicks,
                    OffsetMinutes = offset,
                    SessionsPerDay = random.LogNormal(0.35, 0.8) * World.Plan.HumanActivity,
                    WeekendFactor = random.Between(0.6, 1.1),
                    RequestsPerSession = random.Between(2, 6),
                    HomeIp = random.Pick(natPool),
                    AwaySlash24 = AddressSpace.RandomSlash24(ref random),
                    AwayShare = 0.3,
                    UserAgent = UserAgents.Browser(ref random),
                    Models = ModelHabit.Gradual(ref random, 0.3),
                };
                habit.ChooseInterests(ref random, Palette);
                _students.Add((habit, u));
            }
        }
    }

    public override void EmitDay(int day, DayLedger ledger)
    {
        var assignment = day / DaysPerAssignment;
        var deadlineRush = day % DaysPerAssignment == DaysPerAssignment - 1 ? 1.8 : 1.0;
        foreach (var (habit, university) in _students)
        {
            var random = RandomFor(habit.Account, day);
            var today = habit with { SessionsPerDay = habit.SessionsPerDay * deadlineRush };
            HumanDay.Emit(World, today, ref random, day, HumanRhythm.Student, Palette, ledger, Shape, theme: ((university + 1) * 1000) + assignment);
        }
    }
}

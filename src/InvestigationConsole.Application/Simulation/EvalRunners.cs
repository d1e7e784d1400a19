namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Researchers and evaluation teams: idle most days, then a benchmark run of hundreds of templated
/// "think step by step" or LLM-as-judge prompts at machine pace. Most benchmark a new model within
/// hours of its release. Lab members share a lab card and the lab's network.
/// </summary>
internal sealed class EvalRunners : TrafficCohort
{
    public const string Kind = "eval_runner";

    private static readonly PromptFamily[] Palette = [PromptFamily.CodingQuestion, PromptFamily.CuriousReasoning, PromptFamily.Writing, PromptFamily.DataQuestion];
    private static readonly PromptFamily[] Benchmarks = [PromptFamily.EvalStepByStep, PromptFamily.EvalStepByStep, PromptFamily.EvalMultipleChoice, PromptFamily.EvalJudge, PromptFamily.EvalCode];
    private static readonly SessionShape ManualShape = new(60, 0.8, 2, PromptFamily.FollowUp, 0.4);

    private readonly Researcher[] _researchers;

    public EvalRunners(SimulationWorld world, int count)
        : base(world, Kind)
    {
        var random = SetupRandom(0xE7A1);
        _researchers = new Researcher[count];
        var i = 0;
        while (i < count)
        {
            var labSize = Math.Min(count - i, random.Between(1, 6));
            var university = random.Chance(0.6);
            var region = Region.Pick(ref random);
            var domain = university ? $"cs.{Identities.CompanyDomain(ref random).Split('.')[0]}.edu" : Identities.CompanyDomain(ref random);
            var labNetwork = AddressSpace.RandomSlash24(ref random);
            var labCard = random.Chance(0.7) ? Population.NewCard() : null;
            for (var m = 0; m < labSize; m++, i++)
            {
                var account = Enrol(SignedUpBefore(ref random, 10, 700));
                account.EmailDomain = domain;
                account.EmailLocalPart = Identities.PersonLocalPart(ref random);
                account.BillingCountry = region.PickCountry(ref random);
                account.SignupIp = AddressSpace.Host(labNetwork, ref random);
                account.Verification = random.Chance(0.5) ? Verification.Phone : Verification.IdDocument;
                account.Tier = random.Chance(0.5) ? Tier.Tier2 : Tier.Tier3;
                account.PaymentFingerprint = labCard ?? Population.NewCard();
                var habit = new HumanHabit
                {
                    Account = account.Index,
                    ActiveFrom = account.CreatedTicks,
                    OffsetMinutes = region.OffsetMinutes,
                    SessionsPerDay = random.LogNormal(0.4, 0.6),
                    WeekendFactor = 0.3,
                    RequestsPerSession = 3,
                    HomeIp = account.SignupIp,
                    AwaySlash24 = labNetwork,
                    AwayShare = 0.5,
                    UserAgent = random.Chance(0.5) ? UserAgents.Product(ProductClient.EvalHarness) : UserAgents.Script(ref random),
                    Models = ModelHabit.Eager(ref random, 0.7),
                };
                habit.ChooseInterests(ref random, Palette);
                var benchmarksRelease = random.Chance(0.7);
                _researchers[i] = new Researcher(
                    habit,
                    labNetwork,
                    World.Addresses.CloudSlash24(ref random),
                    random.Between(0.02, 0.06),
                    benchmarksRelease ? Clock.ReleaseTicks + (long)(random.Between(1.5, 20) * SimulationClock.TicksPerHour) : long.MaxValue);
            }
        }
    }

    public override void EmitDay(int day, DayLedger ledger)
    {
        var dayStart = Clock.DayStart(day);
        foreach (var researcher in _researchers)
        {
            var random = RandomFor(researcher.Habit.Account, day);
            HumanDay.Emit(World, researcher.Habit, ref random, day, HumanRhythm.Office, Palette, ledger, ManualShape);
            if (random.Chance(researcher.RunsPerDay))
            {
                var start = HumanRhythm.Office.Sample(ref random, dayStart, researcher.Habit.OffsetMinutes);
                EmitRun(ledger, ref random, researcher, start, researcher.Habit.Models.Choose(ref random, start, Clock.ReleaseTicks));
            }

            if (researcher.ReleaseRun >= dayStart && researcher.ReleaseRun < dayStart + SimulationClock.TicksPerDay)
            {
                EmitRun(ledger, ref random, researcher, researcher.ReleaseRun, ModelCatalog.NewModel);
            }
        }
    }

    private void EmitRun(DayLedger ledger, ref SimulationRandom random, Researcher researcher, long start, byte model)
    {
        var account = Population[researcher.Habit.Account];
        if (start < account.CreatedTicks)
        {
            return;
        }

        var ip = AddressSpace.Host(random.Chance(0.4) ? researcher.CloudBox : researcher.LabNetwork, ref random);
        var first = Start(account, start, ip, researcher.Habit.UserAgent, model, random.Pick(Benchmarks));
        var cadence = random.Between(0.4, 2.5);
        EmitSession(ledger, ref random, first, random.LogUniform(100, 900), new SessionShape(cadence, 0.15, 0, ThrottledShare: 0.01));
    }

    private sealed record Researcher(HumanHabit Habit, uint LabNetwork, uint CloudBox, double RunsPerDay, long ReleaseRun);
}

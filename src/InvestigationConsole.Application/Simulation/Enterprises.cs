namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Companies with many accounts under one org: one corporate card, one egress /24, verified identity,
/// provisioned in bulk on one afternoon. Employees use an internal assistant in office hours; service
/// accounts run templated batch jobs at machine-regular cadence around the clock.
/// </summary>
internal sealed class Enterprises : TrafficCohort
{
    public const string Kind = "enterprise";

    private static readonly PromptFamily[] Palette =
    [
        PromptFamily.Writing, PromptFamily.Writing, PromptFamily.Summarisation, PromptFamily.Summarisation,
        PromptFamily.DataQuestion, PromptFamily.CodingQuestion, PromptFamily.Translation, PromptFamily.Chat,
    ];

    private static readonly PromptFamily[] Jobs = [PromptFamily.TicketTriage, PromptFamily.ContractExtraction, PromptFamily.ProductCopy];
    private static readonly SessionShape EmployeeShape = new(90, 0.8, 2, PromptFamily.FollowUp, 0.5);

    private readonly List<HumanHabit> _employees = [];
    private readonly List<BatchJob> _jobs = [];

    public Enterprises(SimulationWorld world, int organisations, int accountsPerOrganisation, double dailyBatch)
        : base(world, Kind)
    {
        var random = SetupRandom(0xE47);
        for (var o = 0; o < organisations; o++)
        {
            var region = Region.Pick(ref random);
            var organisation = Population.NewOrganisation();
            var card = Population.NewCard();
            var domain = Identities.CompanyDomain(ref random);
            var egress = AddressSpace.RandomSlash24(ref random);
            var country = region.PickCountry(ref random);
            var assistantPrompt = Population.RegisterSystemPrompt($"You are the {domain} internal assistant. Follow company policy.");
            var provisioned = SignedUpBefore(ref random, 60, 500);
            var size = Math.Max(4, (int)(accountsPerOrganisation * random.Between(0.6, 1.4)));
            var services = Math.Max(2, size / 12);
            for (var a = 0; a < size; a++)
            {
                var hiredLater = a >= services && random.Chance(0.2);
                var created = hiredLater ? SignedUpBefore(ref random, 0, 50) : provisioned + (a * random.Between(5, 40) * SimulationClock.TicksPerSecond);
                var account = Enrol(created);
                account.OrgId = organisation;
                account.PaymentFingerprint = card;
                account.EmailDomain = domain;
                account.EmailLocalPart = a < services ? $"svc-{Jobs[a % Jobs.Length].ToString().ToLowerInvariant()}-{a}" : Identities.PersonLocalPart(ref random);
                account.BillingCountry = country;
                account.SignupIp = AddressSpace.Host(egress, ref random);
                account.Verification = Verification.IdDocument;
                account.Tier = Tier.Enterprise;
                if (a < services)
                {
                    var family = Jobs[a % Jobs.Length];
                    _jobs.Add(new BatchJob(
                        account.Index,
                        region.OffsetMinutes,
                        account.SignupIp,
                        UserAgents.Script(ref random),
                        Population.RegisterSystemPrompt($"{domain} batch job {family}"),
                        family,
                        dailyBatch / services * random.Between(0.5, 1.5),
                        random.Between(1.5, 6),
                        family == PromptFamily.TicketTriage ? ModelCatalog.Small : ModelCatalog.Large));
                    continue;
                }

                _employees.Add(NewEmployee(ref random, account, region, egress, assistantPrompt));
            }
        }
    }

    public override void EmitDay(int day, DayLedger ledger)
    {
        foreach (var employee in _employees)
        {
            var random = RandomFor(employee.Account, day);
            HumanDay.Emit(World, employee, ref random, day, HumanRhythm.Office, Palette, ledger, EmployeeShape);
        }

        foreach (var job in _jobs)
        {
            var random = RandomFor(job.Account, day, 0xBA7C);
            EmitJob(day, ledger, ref random, job);
        }
    }

    private void EmitJob(int day, DayLedger ledger, ref SimulationRandom random, BatchJob job)
    {
        var account = Population[job.Account];
        var dayStart = Clock.DayStart(day);
        var weekend = SimulationClock.IsWeekend(dayStart + (12 * SimulationClock.TicksPerHour), job.OffsetMinutes);

        // The nightly run: one item after another at the job's fixed cadence, from about 01:00 local time.
        var nightly = random.Poisson(job.DailyItems * 0.6);
        var ticks = dayStart + ((((60 - job.OffsetMinutes) % 1440 + 1440) % 1440) * TimeSpan.TicksPerMinute) + (random.Next(600) * SimulationClock.TicksPerSecond);
        for (var i = 0; i < nightly; i++)
        {
            AddItem(ledger, ref random, job, account, ticks);
            ticks += (long)(job.CadenceSeconds * random.Between(0.97, 1.03) * SimulationClock.TicksPerSecond);
        }

        // Items that arrive during the day are processed as they come.
        var streamed = random.Poisson(job.DailyItems * 0.4 * (weekend ? 0.5 : 1.0));
        for (var i = 0; i < streamed; i++)
        {
            AddItem(ledger, ref random, job, account, HumanRhythm.Office.Sample(ref random, dayStart, job.OffsetMinutes));
        }
    }

    private static void AddItem(DayLedger ledger, ref SimulationRandom random, BatchJob job, SimulatedAccount account, long ticks)
    {
        var item = Start(account, ticks, job.Ip, job.UserAgent, job.Model, job.Family);
        item.SystemPrompt = job.SystemPrompt;
        item.Seed = random.NextUInt64();
        item.Status = random.Chance(0.002) ? (short)429 : (short)200;
        ledger.Add(item);
    }

    private HumanHabit NewEmployee(ref SimulationRandom random, SimulatedAccount account, Region region, uint egress, int assistantPrompt)
    {
        var habit = new HumanHabit
        {
            Account = account.Index,
            ActiveFrom = account.CreatedTicks,
            OffsetMinutes = region.OffsetMinutes,
            SessionsPerDay = random.LogNormal(0.8, 0.7),
            WeekendFactor = 0.08,
            RequestsPerSession = random.Between(1.5, 4),
            HomeIp = AddressSpace.Host(egress, ref random),
            AwaySlash24 = egress,
            AwayShare = 0.5,
            UserAgent = UserAgents.Product(ProductClient.InternalAssistant),
            SystemPrompt = assistantPrompt,
            Models = ModelHabit.Never(0.5),
        };
        habit.ChooseInterests(ref random, Palette);
        return habit;
    }

    private sealed record BatchJob(
        int Account, int OffsetMinutes, uint Ip, ushort UserAgent, int SystemPrompt, PromptFamily Family, double DailyItems, double CadenceSeconds, byte Model);
}

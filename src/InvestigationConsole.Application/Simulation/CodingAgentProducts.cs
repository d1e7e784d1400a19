namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Companies whose coding-agent product relays its users' sessions: tool-heavy, long multi-turn
/// sessions, one system prompt (redeployed once), SDK clients from a few cloud /24s, round the clock.
/// </summary>
internal sealed class CodingAgentProducts : TrafficCohort
{
    public const string Kind = "coding_agent_product";

    private static readonly ProductClient[] Clients = [ProductClient.Codewright, ProductClient.Shipyard, ProductClient.Tessellate];
    private static readonly SessionShape Shape = new(8, 0.6, 2, PromptFamily.AgentToolResult, 0.9, 0.01);

    private readonly Product[] _products;

    public CodingAgentProducts(SimulationWorld world, int products, int accountsPerProduct, double dailyExchanges)
        : base(world, Kind)
    {
        var random = SetupRandom(0xA6E);
        _products = new Product[products];
        for (var p = 0; p < products; p++)
        {
            var organisation = Population.NewOrganisation();
            var card = Population.NewCard();
            var domain = Identities.CompanyDomain(ref random);
            var country = random.Pick(new[] { "US", "US", "DE", "GB", "FR", "CA" });
            var created = SignedUpBefore(ref random, 200, 600);
            var accounts = new int[accountsPerProduct];
            for (var a = 0; a < accountsPerProduct; a++)
            {
                var account = Enrol(created + (a * SimulationClock.TicksPerDay * random.Between(0, 30)), 2);
                account.OrgId = organisation;
                account.PaymentFingerprint = card;
                account.EmailDomain = domain;
                account.EmailLocalPart = a == 0 ? "platform" : $"platform+{(a == 1 ? "eu" : a == 2 ? "staging" : "eval" + a)}";
                account.BillingCountry = country;
                account.SignupIp = AddressSpace.RandomHost(ref random);
                account.Verification = Verification.IdDocument;
                account.Tier = random.Chance(0.5) ? Tier.Enterprise : Tier.Tier4;
                accounts[a] = account.Index;
            }

            _products[p] = new Product(
                accounts,
                [World.Addresses.CloudSlash24(ref random), World.Addresses.CloudSlash24(ref random)],
                UserAgents.Product(Clients[p % Clients.Length]),
                (byte)random.Pick(new[] { 9, 12, 14, 18, 23, 27 }),
                Population.RegisterSystemPrompt($"Product {domain} coding agent system prompt v1"),
                Population.RegisterSystemPrompt($"Product {domain} coding agent system prompt v2"),
                random.Between(2, Math.Max(3, Clock.DayCount - 2)),
                dailyExchanges * random.Between(0.5, 1.5),
                p switch
                {
                    0 => new ModelHabit(1.0, 36, 1.0, 6),
                    1 => new ModelHabit(0.8, 120, 0.5, 24),
                    _ => ModelHabit.Never(random.Between(0.6, 1.0)),
                });
        }
    }

    public override void EmitDay(int day, DayLedger ledger)
    {
        var dayStart = Clock.DayStart(day);
        for (var p = 0; p < _products.Length; p++)
        {
            var product = _products[p];
            var random = RandomFor(product.Accounts[0], day, 0xA6E);
            var weekend = SimulationClock.IsWeekend(dayStart + (12 * SimulationClock.TicksPerHour), 0);
            var sessions = random.Poisson(product.DailyExchanges * (weekend ? 0.6 : 1.0) / 25.0);
            for (var s = 0; s < sessions; s++)
            {
                var start = HumanRhythm.Everyday.SampleWorldwide(ref random, dayStart);
                var account = Population[product.Accounts[PickAccount(ref random, product.Accounts.Length)]];
                var ip = AddressSpace.Host(random.Pick(product.Egress), ref random);
                var first = Start(account, start, ip, product.UserAgent, product.Models.Choose(ref random, start, Clock.ReleaseTicks), PromptFamily.AgentTask);
                first.ToolCount = product.ToolCount;
                first.SystemPrompt = day < product.RedeployDay ? product.PromptV1 : product.PromptV2;
                EmitSession(ledger, ref random, first, Math.Min(random.Geometric(25), 200), Shape);
            }
        }
    }

    /// <summary>Production takes most of the traffic, then the second region, staging and evaluation.</summary>
    private static int PickAccount(ref SimulationRandom random, int count)
    {
        var index = 0;
        while (index < count - 1 && random.Chance(0.4))
        {
            index++;
        }

        return index;
    }

    private sealed record Product(
        int[] Accounts, uint[] Egress, ushort UserAgent, byte ToolCount, int PromptV1, int PromptV2, int RedeployDay, double DailyExchanges, ModelHabit Models);
}

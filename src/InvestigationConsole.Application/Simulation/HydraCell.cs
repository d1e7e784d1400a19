namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// One cell of the hydra: accounts made in one sign-up burst, sharing a few prepaid cards, a few
/// disposable domains and a subset of the network's proxy /24s (which overlap between cells).
/// </summary>
internal sealed class HydraCell
{
    private readonly int[] _members;
    private readonly long[] _activeFrom;
    private readonly uint[] _proxies;
    private readonly Population _population;

    private HydraCell(int[] members, long[] activeFrom, uint[] proxies, Population population)
    {
        _members = members;
        _activeFrom = activeFrom;
        _proxies = proxies;
        _population = population;
        ActiveFrom = activeFrom.Min();
    }

    public long ActiveFrom { get; }

    /// <summary>Creates the cells, oldest first; the last ones are made inside the window to replace banned accounts.</summary>
    public static HydraCell[] Recruit(HydraNetwork network, ref SimulationRandom random, int accounts)
    {
        var world = network.Network;
        var clock = world.Clock;
        var population = world.Population;
        var cellSize = Math.Clamp(accounts / 10, 40, 250);
        var cellCount = Math.Max(1, (int)Math.Ceiling(accounts / (double)cellSize));
        var pool = SimulationRandom.Draw(ref random, Math.Max(30, accounts / 8), (ref SimulationRandom r) =>
            r.Chance(0.4) ? world.Addresses.CloudSlash24(ref r) : AddressSpace.RandomSlash24(ref r));
        var firstBurst = clock.StartTicks - (45 * SimulationClock.TicksPerDay);
        var lastBurst = clock.EndTicks - (36 * SimulationClock.TicksPerHour);
        var cells = new HydraCell[cellCount];
        var enrolled = 0;
        for (var c = 0; c < cellCount; c++)
        {
            var size = Math.Min(cellSize, accounts - enrolled);
            var burst = firstBurst + (long)((lastBurst - firstBurst) * Math.Pow(c / (double)Math.Max(1, cellCount - 1), 2.5));
            var proxies = SimulationRandom.Draw(ref random, random.Between(6, 16), (ref SimulationRandom r) => r.Pick(pool));
            var domains = SimulationRandom.Draw(ref random, random.Between(2, 4), (ref SimulationRandom r) => r.Pick(Identities.RareDomains));
            var members = new int[size];
            var activeFrom = new long[size];
            var card = population.NewCard();
            var created = burst;
            for (var m = 0; m < size; m++)
            {
                created += (long)(random.Between(20, 90) * SimulationClock.TicksPerSecond);
                var account = network.EnrolMember(created);
                account.EmailDomain = random.Pick(domains);
                account.EmailLocalPart = m > 0 && random.Chance(0.2) ? population[members[random.Next(m)]].EmailLocalPart : Identities.BulkLocalPart(ref random);
                account.BillingCountry = Region.Pick(ref random).PickCountry(ref random);
                account.SignupIp = AddressSpace.Host(random.Pick(proxies), ref random);
                account.Verification = random.Chance(0.6) ? Verification.None : Verification.Email;
                account.Tier = random.Chance(0.8) ? Tier.Free : Tier.Tier1;
                card = random.Chance(0.12) ? population.NewCard() : card;
                account.PaymentFingerprint = random.Chance(0.25) ? null : card;
                members[m] = account.Index;
                activeFrom[m] = created + (long)(random.Between(1, c == cellCount - 1 ? 4 : 60) * SimulationClock.TicksPerHour);
            }

            cells[c] = new HydraCell(members, activeFrom, proxies, population);
            enrolled += size;
        }

        return [.. cells.OrderBy(cell => cell.ActiveFrom)];
    }

    /// <summary>A member that is already in service at <paramref name="ticks"/>, or null after a few tries.</summary>
    public SimulatedAccount? PickActive(ref SimulationRandom random, long ticks)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var m = random.Next(_members.Length);
            if (_activeFrom[m] <= ticks)
            {
                return _population[_members[m]];
            }
        }

        return null;
    }

    public uint Proxy(ref SimulationRandom random) => AddressSpace.Host(random.Pick(_proxies), ref random);

    /// <summary>The newest members: the ones the registry export may not have caught yet.</summary>
    public IEnumerable<int> NewestMembers(int count) => _members.TakeLast(count);
}

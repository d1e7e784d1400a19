namespace InvestigationConsole.Application.Simulation;

/// <summary>Counts what was written, per account and per cohort and model, for truth.json and the summary.</summary>
internal sealed class TrafficTally
{
    private readonly int[] _perAccount;
    private readonly int[] _cohortOfAccount;
    private readonly long[,] _byModel;
    private readonly long[,] _firstDayAfterRelease;
    private readonly long _releaseTicks;

    public TrafficTally(SimulationWorld world)
    {
        var cohortIndex = world.Cohorts.Select((cohort, index) => (cohort.Label, index)).ToDictionary(p => p.Label, p => p.index);
        _perAccount = new int[world.Population.Accounts.Count];
        _cohortOfAccount = world.Population.Accounts.Select(a => cohortIndex[a.Label]).ToArray();
        _byModel = new long[world.Cohorts.Count, ModelCatalog.Names.Length];
        _firstDayAfterRelease = new long[world.Cohorts.Count, ModelCatalog.Names.Length];
        _releaseTicks = world.Clock.ReleaseTicks;
        CampaignCohorts = world.Cohorts.Select(c => c.IsCampaign).ToArray();
    }

    public long Requests { get; private set; }

    public long CampaignRequests { get; private set; }

    private bool[] CampaignCohorts { get; }

    public void Count(Exchange[] items, int count)
    {
        for (var i = 0; i < count; i++)
        {
            ref readonly var exchange = ref items[i];
            _perAccount[exchange.Account]++;
            var cohort = _cohortOfAccount[exchange.Account];
            _byModel[cohort, exchange.Model]++;
            if (exchange.Ticks >= _releaseTicks && exchange.Ticks < _releaseTicks + SimulationClock.TicksPerDay)
            {
                _firstDayAfterRelease[cohort, exchange.Model]++;
            }

            CampaignRequests += CampaignCohorts[cohort] ? 1 : 0;
        }

        Requests += count;
    }

    public int RequestsOf(int account) => _perAccount[account];

    public long RequestsOfCohort(int cohort) => Enumerable.Range(0, ModelCatalog.Names.Length).Sum(m => _byModel[cohort, m]);

    public long RequestsOfCohort(int cohort, byte model, bool firstDayAfterRelease) =>
        firstDayAfterRelease ? _firstDayAfterRelease[cohort, model] : _byModel[cohort, model];
}

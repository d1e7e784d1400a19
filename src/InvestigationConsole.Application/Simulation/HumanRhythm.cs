namespace InvestigationConsole.Application.Simulation;

/// <summary>A day's shape of human activity in local time: 24 hourly weights.</summary>
internal sealed class HumanRhythm
{
    public static readonly HumanRhythm Everyday = new(
        [0.6, 0.35, 0.2, 0.15, 0.12, 0.15, 0.35, 0.8, 1.3, 1.7, 1.9, 2.0, 1.9, 1.9, 2.0, 2.0, 1.9, 1.8, 1.8, 2.0, 2.2, 2.1, 1.7, 1.1]);

    public static readonly HumanRhythm Office = new(
        [0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.3, 1.0, 2.4, 3.0, 3.0, 2.6, 1.8, 2.6, 3.0, 2.9, 2.6, 1.8, 0.9, 0.5, 0.4, 0.35, 0.25, 0.12]);

    public static readonly HumanRhythm Student = new(
        [1.2, 0.8, 0.4, 0.2, 0.1, 0.1, 0.15, 0.4, 0.9, 1.4, 1.6, 1.6, 1.5, 1.7, 1.9, 1.9, 1.8, 1.7, 1.7, 2.0, 2.3, 2.5, 2.3, 1.8]);

    public static readonly HumanRhythm NightOwl = new(
        [1.6, 1.4, 1.0, 0.6, 0.3, 0.2, 0.2, 0.4, 0.8, 1.2, 1.5, 1.7, 1.7, 1.8, 1.9, 1.9, 1.9, 1.9, 2.0, 2.1, 2.2, 2.2, 2.0, 1.8]);

    private readonly double[] _cumulative = new double[24];

    private HumanRhythm(double[] weights)
    {
        var total = weights.Sum();
        var running = 0.0;
        for (var hour = 0; hour < 24; hour++)
        {
            running += weights[hour] / total;
            _cumulative[hour] = running;
        }
    }

    /// <summary>A moment within the UTC day starting at <paramref name="dayStart"/>, drawn by local hour.</summary>
    public long Sample(ref SimulationRandom random, long dayStart, int offsetMinutes)
    {
        var draw = random.NextDouble();
        var hour = 0;
        while (hour < 23 && _cumulative[hour] < draw)
        {
            hour++;
        }

        var localSeconds = (hour * 3600) + random.Next(3600);
        var utcSeconds = (((localSeconds - (offsetMinutes * 60)) % 86400) + 86400) % 86400;
        return dayStart + (utcSeconds * SimulationClock.TicksPerSecond) + (random.Next(1000) * TimeSpan.TicksPerMillisecond);
    }

    /// <summary>A moment in the day of a worldwide audience: each draw from a region weighted by its users.</summary>
    public long SampleWorldwide(ref SimulationRandom random, long dayStart) =>
        Sample(ref random, dayStart, Region.Pick(ref random).OffsetMinutes);
}

/// <summary>Where a human lives: their UTC offset and billing countries, weighted by API users.</summary>
internal sealed record Region(int OffsetMinutes, double Weight, string[] Countries)
{
    public static readonly Region[] All =
    [
        new(-480, 0.14, ["US", "CA"]),
        new(-300, 0.16, ["US", "CA"]),
        new(-180, 0.06, ["BR", "AR"]),
        new(0, 0.10, ["GB", "IE", "PT"]),
        new(60, 0.18, ["DE", "FR", "NL", "ES", "IT", "PL", "SE"]),
        new(330, 0.12, ["IN"]),
        new(480, 0.10, ["SG", "HK", "TW", "PH"]),
        new(540, 0.09, ["JP", "KR"]),
        new(600, 0.05, ["AU", "NZ"]),
    ];

    private static readonly double TotalWeight = All.Sum(r => r.Weight);

    public static Region Pick(ref SimulationRandom random)
    {
        var draw = random.NextDouble() * TotalWeight;
        foreach (var region in All)
        {
            draw -= region.Weight;
            if (draw <= 0)
            {
                return region;
            }
        }

        return All[^1];
    }

    public string PickCountry(ref SimulationRandom random) => random.Pick(Countries);
}

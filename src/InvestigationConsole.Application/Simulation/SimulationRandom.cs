namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// SplitMix64: a seeded generator whose sequence never changes between runtimes and that costs
/// nothing to derive per account and day, so every actor draws from its own stream.
/// </summary>
internal struct SimulationRandom
{
    public delegate T Drawer<out T>(ref SimulationRandom random);

    private const ulong Golden = 0x9E3779B97F4A7C15;
    private ulong _state;

    public SimulationRandom(ulong seed) => _state = seed;

    public static SimulationRandom For(ulong a, ulong b, ulong c = 0, ulong d = 0) =>
        new(Key(a, b, c, d));

    public static ulong Key(ulong a, ulong b, ulong c = 0, ulong d = 0) =>
        Mix(Mix(Mix(Mix(a + Golden) ^ (b + 0x632BE59BD9B4E019)) ^ (c + 0x8CB92BA72F3D8DD7)) ^ d);

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64() => Mix(_state += Golden);

    /// <summary>Uniform in [0, max).</summary>
    public int Next(int max) => (int)(((NextUInt64() >> 32) * (ulong)max) >> 32);

    /// <summary>Uniform in [min, max].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Log-uniform in [min, max]: many small values, a long tail of big ones.</summary>
    public int LogUniform(int min, int max) =>
        (int)Math.Round(min * Math.Pow((double)max / min, NextDouble()));

    public int Poisson(double lambda)
    {
        if (lambda <= 0)
        {
            return 0;
        }

        if (lambda > 30)
        {
            return Math.Max(0, (int)Math.Round(lambda + (Math.Sqrt(lambda) * Normal())));
        }

        var limit = Math.Exp(-lambda);
        var product = NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    /// <summary>Number of trials until the first success, at least 1, with the given mean.</summary>
    public int Geometric(double mean)
    {
        if (mean <= 1)
        {
            return 1;
        }

        var p = 1.0 / mean;
        return 1 + (int)Math.Floor(Math.Log(1.0 - NextDouble()) / Math.Log(1.0 - p));
    }

    /// <summary><paramref name="count"/> draws, in order.</summary>
    public static T[] Draw<T>(ref SimulationRandom random, int count, Drawer<T> draw)
    {
        var items = new T[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = draw(ref random);
        }

        return items;
    }
}

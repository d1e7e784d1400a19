using System.Text;

namespace InvestigationConsole.Application.Simulation;

/// <summary>The models the simulated API serves; the last one is released inside the window.</summary>
internal static class ModelCatalog
{
    public const byte Small = 0;
    public const byte Large = 1;
    public const byte NewModel = 2;

    public static readonly string[] Names = ["frontier-small-2", "frontier-large-2", "frontier-large-3"];

    public static readonly byte[][] Utf8Names = Names.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>Milliseconds per output token: bigger models stream slower.</summary>
    public static readonly double[] MillisecondsPerToken = [7.5, 21.0, 26.0];

    public static string NewModelName => Names[NewModel];
}

/// <summary>
/// Which model an actor asks for: a share of the large model, and when and how far it moves to the
/// new model after the release (hours after it, ramp length, final share).
/// </summary>
internal readonly record struct ModelHabit(double LargeShare, double AdoptionDelayHours, double AdoptedShare, double RampHours)
{
    public static ModelHabit Never(double largeShare) => new(largeShare, double.PositiveInfinity, 0, 0);

    public byte Choose(ref SimulationRandom random, long ticks, long releaseTicks)
    {
        var since = ticks - releaseTicks - (long)(AdoptionDelayHours * SimulationClock.TicksPerHour);
        if (since >= 0 && AdoptedShare > 0)
        {
            var progress = RampHours <= 0 ? 1.0 : Math.Min(1.0, since / (RampHours * SimulationClock.TicksPerHour));
            if (random.Chance(AdoptedShare * progress))
            {
                return ModelCatalog.NewModel;
            }
        }

        return random.Chance(LargeShare) ? ModelCatalog.Large : ModelCatalog.Small;
    }

    /// <summary>How an ordinary customer adopts: most slowly over days or weeks, some never.</summary>
    public static ModelHabit Gradual(ref SimulationRandom random, double largeShare) =>
        random.Chance(0.35)
            ? Never(largeShare)
            : new(largeShare, random.Exponential(96) + 6, random.Between(0.2, 0.7), random.Between(24, 240));

    /// <summary>An early adopter: tries the new model within hours and mostly stays.</summary>
    public static ModelHabit Eager(ref SimulationRandom random, double largeShare) =>
        new(largeShare, random.Between(0.5, 10), random.Between(0.55, 0.9), random.Between(1, 12));
}

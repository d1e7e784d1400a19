namespace InvestigationConsole.Application.Simulation;

/// <summary>The simulated window in UTC ticks, split into the calendar days that name the request files.</summary>
internal sealed class SimulationClock
{
    public const long TicksPerSecond = TimeSpan.TicksPerSecond;
    public const long TicksPerHour = TimeSpan.TicksPerHour;
    public const long TicksPerDay = TimeSpan.TicksPerDay;

    public SimulationClock(DateTimeOffset end, int days, double releaseAt)
    {
        EndTicks = end.UtcTicks;
        StartTicks = EndTicks - (days * TicksPerDay);
        FirstDayTicks = StartTicks - (StartTicks % TicksPerDay);
        DayCount = (int)(((EndTicks - 1 - FirstDayTicks) / TicksPerDay) + 1);

        // Releases go out in the late afternoon UTC, which is morning in the Americas.
        var releaseDay = FirstDayTicks + ((long)(DayCount * releaseAt) * TicksPerDay);
        ReleaseTicks = Math.Clamp(releaseDay + (17 * TicksPerHour), StartTicks + TicksPerDay, EndTicks - (2 * TicksPerDay));
        IncidentStartTicks = DayStart(DayCount / 3) + (14 * TicksPerHour) + (20 * TimeSpan.TicksPerMinute);
        IncidentEndTicks = IncidentStartTicks + (35 * TimeSpan.TicksPerMinute);
    }

    public long StartTicks { get; }
    public long EndTicks { get; }
    public long FirstDayTicks { get; }
    public int DayCount { get; }

    /// <summary>When <see cref="ModelCatalog.NewModel"/> becomes available.</summary>
    public long ReleaseTicks { get; }

    /// <summary>A provider outage: for 35 minutes many requests of every customer fail with 529 at once.</summary>
    public long IncidentStartTicks { get; }

    public long IncidentEndTicks { get; }

    public DateTimeOffset Start => new(StartTicks, TimeSpan.Zero);
    public DateTimeOffset End => new(EndTicks, TimeSpan.Zero);

    public long DayStart(int day) => FirstDayTicks + (day * TicksPerDay);

    public DateOnly Date(int day) => DateOnly.FromDateTime(new DateTime(DayStart(day), DateTimeKind.Utc));

    public static bool IsWeekend(long utcTicks, int offsetMinutes)
    {
        var local = new DateTime(utcTicks + (offsetMinutes * TimeSpan.TicksPerMinute), DateTimeKind.Unspecified);
        return local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
    }

    public static string ToTimeText(long ticks) =>
        new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

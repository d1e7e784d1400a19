using System.Globalization;

namespace InvestigationConsole.Web.Components.Pages.Ingestion;

/// <summary>How the Ingestion page writes sizes, counts, rates and durations: short, and the same everywhere on the page.</summary>
public static class IngestionFormat
{
    private static readonly string[] SizeUnits = ["B", "KB", "MB", "GB", "TB"];

    public static string Size(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < SizeUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {SizeUnits[unit]}");
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double linesPerSecond) => linesPerSecond switch
    {
        <= 0 => "—",
        >= 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{linesPerSecond / 1_000_000:0.##}M lines/s"),
        >= 10_000 => string.Create(CultureInfo.InvariantCulture, $"{linesPerSecond / 1_000:0.#}k lines/s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{linesPerSecond:N0} lines/s"),
    };

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalSeconds: < 1 } => "< 1 s",
        { TotalMinutes: < 1 } d => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.#} s"),
        { TotalHours: < 1 } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes} min {d.Seconds:00} s"),
        { } d => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00} min"),
    };

    /// <summary>The time left; once every line is read, the file's hourly rollups are still being written.</summary>
    public static string Eta(double fraction, TimeSpan? remaining) => fraction >= 1
        ? "all lines read, writing the hourly rollups…"
        : remaining is null ? "estimating…" : Duration(remaining) + " left";

    public static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{Math.Clamp(fraction, 0, 1) * 100:0}%");

    /// <summary>The time alone when it falls on the same UTC day as <paramref name="reference"/>, else date and time.</summary>
    public static string UtcAfter(DateTimeOffset at, DateTimeOffset? reference) =>
        reference?.UtcDateTime.Date == at.UtcDateTime.Date ? at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : Utc(at);

    public static string Utc(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "—";
}

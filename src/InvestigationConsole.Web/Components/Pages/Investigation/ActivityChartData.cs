using System.Globalization;
using InvestigationConsole.Application.Investigation;

namespace InvestigationConsole.Web.Components.Pages.Investigation;

/// <summary>One model's requests per hour, aligned with <see cref="TimelineData.Hours"/>.</summary>
public sealed record ModelSeries(string Model, int[] Requests);

/// <summary>A labelled moment on the timeline: a model release or a burst.</summary>
public sealed record TimelineMarker(string Hour, string Label, bool IsRelease, bool IsFlag = false);

/// <summary>The timeline as the chart draws it: every hour from the first to the last active one, gaps filled with zeros.</summary>
public sealed record TimelineData(IReadOnlyList<string> Hours, IReadOnlyList<ModelSeries> Models, long[] Tokens, IReadOnlyList<TimelineMarker> Markers)
{
    public const string HourFormat = "yyyy-MM-dd HH:00";

    public static TimelineData From(AccountActivity activity)
    {
        if (activity.Hours.Count == 0)
        {
            return new TimelineData([], [], [], []);
        }

        var first = activity.Hours.Min(h => h.Hour);
        var count = (int)(activity.Hours.Max(h => h.Hour) - first).TotalHours + 1;
        var hours = Enumerable.Range(0, count).Select(i => Label(first.AddHours(i))).ToArray();
        var models = activity.Models.ToDictionary(m => m, _ => new int[count]);
        var tokens = new long[count];
        foreach (var hour in activity.Hours)
        {
            var index = (int)(hour.Hour - first).TotalHours;
            models[hour.Model][index] += hour.Requests;
            tokens[index] += hour.InputTokens + hour.OutputTokens;
        }

        var last = first.AddHours(count - 1);
        var markers = activity.ModelReleases
            .Where(r => r.ReleasedAt >= first && r.ReleasedAt <= last.AddHours(1))
            .Select(r => new TimelineMarker(Label(Truncate(r.ReleasedAt)), $"{r.Model} released", IsRelease: true))
            .Concat(activity.Bursts.Select(b => new TimelineMarker(Label(b.Hour), $"burst ×{b.TimesMedian.ToString("0.#", CultureInfo.InvariantCulture)}", IsRelease: false)))
            .ToArray();
        return new TimelineData(hours, activity.Models.Select(m => new ModelSeries(m, models[m])).ToArray(), tokens, markers);
    }

    /// <summary>How far past the last active hour the axis is stretched to show when the account was flagged.</summary>
    public static readonly TimeSpan MaxFlagStretch = TimeSpan.FromDays(7);

    /// <summary>
    /// Adds a marker at the hour the account was first flagged. Flagging happens when a detection run sees the traffic,
    /// so it usually falls after the last active hour: the axis is stretched with empty hours up to a week to show it.
    /// </summary>
    public TimelineData WithFlag(DateTimeOffset? flaggedAt)
    {
        if (flaggedAt is not { } at || Hours.Count == 0)
        {
            return this;
        }

        var hour = Truncate(at);
        var label = Label(hour);
        var first = DateTimeOffset.ParseExact(Hours[0], HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var last = first.AddHours(Hours.Count - 1);
        if (hour < first || hour > last + MaxFlagStretch)
        {
            return this;
        }

        var data = this;
        if (hour > last)
        {
            var extra = (int)(hour - last).TotalHours;
            var count = Hours.Count + extra;
            data = new TimelineData(
                Hours.Concat(Enumerable.Range(1, extra).Select(i => Label(last.AddHours(i)))).ToArray(),
                Models.Select(m => new ModelSeries(m.Model, [.. m.Requests, .. new int[extra]])).ToArray(),
                [.. Tokens, .. new long[extra]],
                Markers);
        }

        return data with { Markers = [.. data.Markers, new TimelineMarker(label, "flagged", IsRelease: false, IsFlag: true)] };
    }

    public static string Label(DateTimeOffset hour) => hour.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset Truncate(DateTimeOffset at) => ActivityClock.HourStart(ActivityClock.HourOf(at));
}

/// <summary>Requests per UTC hour of day (columns) and calendar day (rows): the rhythm of a human, or of a machine.</summary>
public sealed record HeatmapData(IReadOnlyList<string> Days, IReadOnlyList<int[]> Cells, int Max)
{
    public static readonly IReadOnlyList<string> HoursOfDay = Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Cells as [hour of day, day index, requests], only where there were requests.</summary>
    public static HeatmapData From(AccountActivity activity)
    {
        if (activity.Hours.Count == 0)
        {
            return new HeatmapData([], [], 0);
        }

        var firstDay = activity.Hours.Min(h => h.Hour).UtcDateTime.Date;
        var lastDay = activity.Hours.Max(h => h.Hour).UtcDateTime.Date;
        var days = Enumerable.Range(0, (int)(lastDay - firstDay).TotalDays + 1)
            .Select(d => firstDay.AddDays(d).ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture))
            .ToArray();
        var cells = activity.Hours
            .GroupBy(h => (Hour: h.Hour.UtcDateTime.Hour, Day: (int)(h.Hour.UtcDateTime.Date - firstDay).TotalDays))
            .Select(g => new[] { g.Key.Hour, g.Key.Day, g.Sum(h => h.Requests) })
            .OrderBy(c => c[1]).ThenBy(c => c[0])
            .ToArray();
        return new HeatmapData(days, cells, cells.Max(c => c[2]));
    }
}

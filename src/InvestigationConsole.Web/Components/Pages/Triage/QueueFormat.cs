using System.Globalization;
using InvestigationConsole.Domain.Triage;
using MudBlazor;

namespace InvestigationConsole.Web.Components.Pages.Triage;

/// <summary>How the queue shows times, severities and scores; pure, so tests pin the wording.</summary>
public static class QueueFormat
{
    public static Color SeverityColor(TriageSeverity severity) => severity switch
    {
        TriageSeverity.Critical => Color.Error,
        TriageSeverity.High => Color.Warning,
        _ => Color.Info,
    };

    /// <summary>"3 h ago", "2 d ago"; "just now" under a minute.</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now) => at is { } t ? Span(now - t) + " ago" : "—";

    /// <summary>"due in 3 h" or "overdue by 2 d".</summary>
    public static string Due(DateTimeOffset? due, DateTimeOffset now) => due switch
    {
        null => "—",
        { } d when d >= now => "due in " + Span(d - now),
        { } d => "overdue by " + Span(now - d),
    };

    public static string Span(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return "< 1 min";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return $"{(int)span.TotalMinutes} min";
        }

        return span < TimeSpan.FromDays(2)
            ? $"{(int)span.TotalHours} h"
            : $"{(int)span.TotalDays} d";
    }

    public static string Score(double score) => score.ToString("0", CultureInfo.InvariantCulture);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"chain-of-thought" → "chain of thought".</summary>
    public static string SignalLabel(string name) => name.Replace('-', ' ');
}

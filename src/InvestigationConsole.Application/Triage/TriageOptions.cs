using InvestigationConsole.Domain.Triage;

namespace InvestigationConsole.Application.Triage;

/// <summary>Claims and service levels of the triage queue (section <c>Triage</c>).</summary>
public sealed class TriageOptions
{
    public const string Section = "Triage";

    /// <summary>A claim lapses after this long unless renewed: the account returns to the queue.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Scores at or above this are critical.</summary>
    public double CriticalScore { get; set; } = 90;

    /// <summary>Scores at or above this (and below critical) are high.</summary>
    public double HighScore { get; set; } = 75;

    public TimeSpan CriticalDue { get; set; } = TimeSpan.FromHours(4);
    public TimeSpan HighDue { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan MediumDue { get; set; } = TimeSpan.FromHours(72);

    /// <summary>A dismissed account re-enters the queue when its score rises this many points above the score it was dismissed at.</summary>
    public double ReopenMargin { get; set; } = 10;

    public TriageSeverity SeverityOf(double score) =>
        score >= CriticalScore ? TriageSeverity.Critical : score >= HighScore ? TriageSeverity.High : TriageSeverity.Medium;

    public TimeSpan DueWithin(TriageSeverity severity) => severity switch
    {
        TriageSeverity.Critical => CriticalDue,
        TriageSeverity.High => HighDue,
        _ => MediumDue,
    };

    public DateTimeOffset DueAt(DateTimeOffset flaggedAt, double score) => flaggedAt + DueWithin(SeverityOf(score));

    /// <summary>Rejects settings that would make the queue misbehave, with a message naming the setting.</summary>
    public IEnumerable<string> Validate()
    {
        if (ClaimDuration <= TimeSpan.Zero)
        {
            yield return "Triage:ClaimDuration must be positive.";
        }

        if (HighScore > CriticalScore)
        {
            yield return "Triage:HighScore must not exceed Triage:CriticalScore.";
        }

        if (CriticalDue <= TimeSpan.Zero || HighDue <= TimeSpan.Zero || MediumDue <= TimeSpan.Zero)
        {
            yield return "Triage due times must be positive.";
        }

        if (ReopenMargin < 0)
        {
            yield return "Triage:ReopenMargin must not be negative.";
        }
    }
}

namespace InvestigationConsole.Detection.Scoring;

/// <summary>
/// A signal's weight: it contributes nothing at <see cref="Low"/>, its full <see cref="Max"/> at
/// <see cref="High"/>, linearly between. Low may exceed High for signals where smaller is worse.
/// </summary>
public sealed record SignalWeight(double Max, double Low, double High)
{
    public double Contribution(double value)
    {
        if (Max <= 0 || double.IsNaN(value) || Low == High)
        {
            return value >= High && Max > 0 ? Max : 0;
        }

        var t = (value - Low) / (High - Low);
        return Max * Math.Clamp(t, 0, 1);
    }
}

/// <summary>
/// Weights and thresholds of risk scoring. Admins edit them; every property has a default and the
/// record round-trips through System.Text.Json.
/// </summary>
public sealed record ScoringSettings
{
    public static ScoringSettings Default { get; } = new();

    /// <summary>Scores at or above this are flagged (when corroborated).</summary>
    public double FlagThreshold { get; init; } = 60;

    /// <summary>A family counts as corroboration when its contributions sum to at least this.</summary>
    public double FamilyActivation { get; init; } = 8;

    /// <summary>How many independent families a flag needs.</summary>
    public int MinCorroboratingFamilies { get; init; } = 3;

    /// <summary>How many families one honeypot hit stands for.</summary>
    public int HoneypotFamilies { get; init; } = 2;

    /// <summary>Multiplier on the raw sum by number of active families (index 0..4, the last for 4 or more).</summary>
    public IReadOnlyList<double> CorroborationFactors { get; init; } = [0.3, 0.45, 0.65, 0.9, 1.0];

    /// <summary>Below this many prompts, share-of-prompts signals stay silent.</summary>
    public long MinPrompts { get; init; } = 50;

    /// <summary>Below this many requests, timing and spread signals stay silent.</summary>
    public long MinRequests { get; init; } = 100;

    /// <summary>Requests per active day a busy customer of each tier typically sends (index: <see cref="AccountTier"/>).</summary>
    public IReadOnlyList<double> TierDailyRequests { get; init; } = [150, 400, 1200, 3000, 8000, 25000];

    /// <summary>Average requests per active day as a multiple of the tier's typical day.</summary>
    public SignalWeight Volume { get; init; } = new(8, 0.5, 1.5);

    /// <summary>Share of traffic in the quietest 8 consecutive hours, relative to the 1/3 of round-the-clock use.</summary>
    public SignalWeight ActivitySpread { get; init; } = new(10, 0.35, 0.85);

    /// <summary>Coefficient of variation of in-session gaps: ~1 for people, near 0 for scripts.</summary>
    public SignalWeight Regularity { get; init; } = new(10, 0.8, 0.2);

    /// <summary>Gaps longer than this (seconds) are breaks between sessions, not inter-arrival times.</summary>
    public double SessionBreakSeconds { get; init; } = 1800;

    public SignalWeight OutputRatio { get; init; } = new(8, 2.5, 8);
    public SignalWeight ChainOfThought { get; init; } = new(14, 0.15, 0.6);

    /// <summary>Rubric grading and censorship-safe rewrites count together: both use the model as a data labeller.</summary>
    public SignalWeight RubricGrading { get; init; } = new(12, 0.05, 0.3);

    public SignalWeight ToolUse { get; init; } = new(8, 0.3, 0.9);

    /// <summary>Capability areas holding at least <see cref="CoverageMinShare"/> of the prompts.</summary>
    public SignalWeight CapabilityCoverage { get; init; } = new(8, 3, 7);
    public double CoverageMinShare { get; init; } = 0.03;

    public SignalWeight TemplateConcentration { get; init; } = new(10, 0.3, 0.8);

    /// <summary>Days from sign-up to the first heavy day (more is better: Low &gt; High).</summary>
    public SignalWeight FreshHeavyUse { get; init; } = new(8, 30, 3);

    /// <summary>A day with at least this multiple of the tier's typical day is heavy.</summary>
    public double HeavyDayFactor { get; init; } = 0.5;

    /// <summary>Identity weakness points (0..10) mapped onto the contribution.</summary>
    public SignalWeight IdentityWeakness { get; init; } = new(15, 2, 10);

    /// <summary>Any hit is strong: value is the number of hits.</summary>
    public SignalWeight Honeypot { get; init; } = new(45, 0, 1);

    /// <summary>How far the account's 24 h post-release share exceeds the population's typical share.</summary>
    public SignalWeight ModelPivot { get; init; } = new(10, 0.15, 0.5);

    /// <summary>Only shares of at least this many requests in the release window are judged.</summary>
    public long PivotMinRequests { get; init; } = 20;

    /// <summary>Coordination from cluster context: cluster risk mapped onto the contribution.</summary>
    public SignalWeight ClusterRisk { get; init; } = new(25, 30, 60);
}

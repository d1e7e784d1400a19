namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>Account age at its first heavy day: throwaway accounts go heavy within days of sign-up.</summary>
public sealed class FreshHeavyUseSignal : RiskSignalRule
{
    public override string Name => "age-at-first-heavy-use";
    public override SignalFamily Family => SignalFamily.Identity;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var settings = context.Settings;
        if (profile.CreatedAt is not { } created || profile.FirstRequestAt is not { } first)
        {
            return Silent(settings.FreshHeavyUse, "sign-up or first request time unknown");
        }

        var heavy = VolumeSignal.TypicalDay(settings, profile.Tier) * settings.HeavyDayFactor;
        var day = -1;
        for (var d = 0; d < profile.DailyCounts.Count; d++)
        {
            if (profile.DailyCounts[d] >= heavy)
            {
                day = d;
                break;
            }
        }

        if (day < 0)
        {
            return Silent(settings.FreshHeavyUse, $"no day with {(long)heavy:N0} or more requests");
        }

        var heavyAt = first.UtcDateTime.Date.AddDays(day);
        var age = Math.Max(0, (heavyAt - created.UtcDateTime.Date).TotalDays);
        return Measured(age, settings.FreshHeavyUse, $"first heavy day ({profile.DailyCounts[day]:N0} requests) {age:0} days after sign-up");
    }
}

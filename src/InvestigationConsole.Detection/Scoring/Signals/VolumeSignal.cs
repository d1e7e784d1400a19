namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>Requests per active day against what a busy customer of the same tier sends: campaigns run each account near its limit.</summary>
public sealed class VolumeSignal : RiskSignalRule
{
    public override string Name => "volume-for-tier";
    public override SignalFamily Family => SignalFamily.Behaviour;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var settings = context.Settings;
        var days = profile.ActiveDays;
        if (days == 0)
        {
            return Silent(settings.Volume, "no active days");
        }

        var perDay = (double)profile.RequestCount / days;
        var typical = TypicalDay(settings, profile.Tier);
        var multiple = perDay / typical;
        return Measured(multiple, settings.Volume, $"{(long)Math.Round(perDay):N0} requests per active day over {days} days, {multiple:0.0}× a busy {profile.Tier} customer's {(long)typical:N0}");
    }

    internal static double TypicalDay(ScoringSettings settings, AccountTier tier)
    {
        var table = settings.TierDailyRequests;
        return Math.Max(1, table[Math.Clamp((int)tier, 0, table.Count - 1)]);
    }
}

namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>
/// Round-the-clock activity: the share of traffic in the account's quietest 8 consecutive hours,
/// relative to the third that perfectly even use would put there. People sleep; scripts do not.
/// </summary>
public sealed class ActivitySpreadSignal : RiskSignalRule
{
    private const int NightHours = 8;

    public override string Name => "round-the-clock";
    public override SignalFamily Family => SignalFamily.Behaviour;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var weight = context.Settings.ActivitySpread;
        var hours = profile.HourOfDayCounts;
        var total = hours.Sum();
        if (total < context.Settings.MinRequests || hours.Count != 24)
        {
            return Silent(weight, $"only {total:N0} requests: too few to judge the daily rhythm");
        }

        var quietest = QuietestWindow(hours, out var start);
        var share = (double)quietest / total;
        var evenness = share / (NightHours / 24.0);
        return Measured(evenness, weight, $"{share:0%} of {total:N0} requests fall in its quietest 8 hours ({start:00}:00–{(start + NightHours) % 24:00}:00 UTC); a person's night holds under 5%");
    }

    internal static long QuietestWindow(IReadOnlyList<long> hours, out int start)
    {
        var best = long.MaxValue;
        start = 0;
        for (var s = 0; s < 24; s++)
        {
            long sum = 0;
            for (var h = 0; h < NightHours; h++)
            {
                sum += hours[(s + h) % 24];
            }

            if (sum < best)
            {
                best = sum;
                start = s;
            }
        }

        return best;
    }
}

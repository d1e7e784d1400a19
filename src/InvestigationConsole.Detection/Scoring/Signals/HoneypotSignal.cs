namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>Use of a honeypot canary prompt: only a harvester replays them, so one hit is strong.</summary>
public sealed class HoneypotSignal : RiskSignalRule
{
    public override string Name => "honeypot-hits";
    public override SignalFamily Family => SignalFamily.Proof;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var weight = context.Settings.Honeypot;
        return profile.HoneypotHits switch
        {
            <= 0 => Silent(weight, "no honeypot hits"),
            1 => Measured(1, weight, "1 request carried a honeypot canary: evidence of harvesting"),
            var hits => Measured(hits, weight, $"{hits:N0} requests carried honeypot canaries: evidence of harvesting"),
        };
    }
}

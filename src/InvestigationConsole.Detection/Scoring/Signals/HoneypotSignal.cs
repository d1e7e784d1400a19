namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>Use of a honeypot canary prompt: only a harvester replays them, so one hit is strong.</summary>
public sealed class HoneypotSignal : RiskSignalRule
{
    public override string Name => "honeypot-hits";
    public override SignalFamily Family => SignalFamily.Proof;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context) =>
        profile.HoneypotHits > 0
            ? Measured(profile.HoneypotHits, context.Settings.Honeypot, profile.HoneypotHits == 1
                ? "1 request carried a honeypot canary: evidence of harvesting"
                : $"{Count(profile.HoneypotHits)} requests carried honeypot canaries: evidence of harvesting")
            : Silent(context.Settings.Honeypot, "no honeypot hits");
}

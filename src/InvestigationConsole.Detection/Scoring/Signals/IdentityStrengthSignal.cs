namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>
/// Cheap identity: weak verification, free or low tier, disposable or rare e-mail domain. Scored as
/// weakness points (0..10); a verified enterprise scores none.
/// </summary>
public sealed class IdentityStrengthSignal : RiskSignalRule
{
    public const string SignalName = "identity-strength";

    public override string Name => SignalName;
    public override SignalFamily Family => SignalFamily.Identity;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var points = WeaknessPoints(profile);
        var domain = profile.IsDisposableDomain ? ", disposable e-mail domain" : profile.IsRareDomain ? ", rare e-mail domain" : "";
        var (open, close) = profile.EmailDomain is null ? ("", "") : (" (", ")");
        return Measured(
            points,
            context.Settings.IdentityWeakness,
            $"{profile.Verification} verification, {profile.Tier} tier{domain}{open}{profile.EmailDomain}{close}: weakness {points:0} of 10");
    }

    internal static double WeaknessPoints(AccountProfile profile)
    {
        double points = profile.Verification switch
        {
            VerificationLevel.None => 4,
            VerificationLevel.Email => 3,
            VerificationLevel.Phone => 1,
            _ => 0,
        };
        points += profile.Tier switch
        {
            AccountTier.Free => 3,
            AccountTier.Tier1 => 2,
            AccountTier.Tier2 => 1,
            _ => 0,
        };
        points += profile.IsDisposableDomain ? 4 : profile.IsRareDomain ? 1.5 : 0;
        return Math.Min(10, points);
    }
}

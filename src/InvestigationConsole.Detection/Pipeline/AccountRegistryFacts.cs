using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Pipeline;

/// <summary>What the account registry says about one account: its identity for scoring and the attributes linking compares.</summary>
public sealed record AccountRegistryFacts(AccountIdentity Identity)
{
    public string? OrgId { get; init; }
    public string? PaymentFingerprint { get; init; }
    public string? SignupIp { get; init; }
    public string? SignupPrefix { get; init; }

    /// <summary>Verified with an identity document.</summary>
    public bool StrongIdentity => Identity.Verification == VerificationLevel.IdDocument;
}

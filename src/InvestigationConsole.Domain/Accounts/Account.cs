namespace InvestigationConsole.Domain.Accounts;

/// <summary>
/// An API account as the registry exported it, or a placeholder created when traffic named an account the registry
/// had not exported yet. Traffic totals are maintained by ingestion.
/// </summary>
public sealed class Account
{
    public int Key { get; set; }
    public string AccountId { get; set; } = "";
    public bool IsPlaceholder { get; set; }
    public string? OrgId { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public string? EmailDomain { get; set; }
    public string? EmailLocalSha256 { get; set; }
    public string? PaymentFingerprint { get; set; }
    public string? BillingCountry { get; set; }
    public string? SignupIp { get; set; }
    public string? SignupPrefix { get; set; }
    public IdentityVerification Verification { get; set; }
    public UsageTier Tier { get; set; }
    public DateTimeOffset? RegistryUpdatedAt { get; set; }
    public long RequestCount { get; set; }
    public long PromptsSeen { get; set; }
    public DateTimeOffset? FirstRequestAt { get; set; }
    public DateTimeOffset? LastRequestAt { get; set; }
}

public enum IdentityVerification
{
    None = 0,
    Email = 1,
    Phone = 2,
    IdDocument = 3,
}

public enum UsageTier
{
    Free = 0,
    Tier1 = 1,
    Tier2 = 2,
    Tier3 = 3,
    Tier4 = 4,
    Enterprise = 5,
}

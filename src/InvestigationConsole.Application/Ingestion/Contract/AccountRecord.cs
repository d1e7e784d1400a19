using System.Net;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>One line of the account registry export. A later line for the same <see cref="AccountId"/> replaces the earlier one.</summary>
public sealed record AccountRecord
{
    /// <summary><c>account_id</c>: 1–64 characters.</summary>
    public required string AccountId { get; init; }

    /// <summary><c>org_id</c>.</summary>
    public string? OrgId { get; init; }

    /// <summary><c>created_at</c>, normalised to UTC.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>email_domain</c>, lower-cased (domains are case-insensitive, and equal domains must compare equal).</summary>
    public required string EmailDomain { get; init; }

    /// <summary><c>email_local_sha256</c>: 64 lower-case hex characters.</summary>
    public string? EmailLocalSha256 { get; init; }

    /// <summary><c>payment_fingerprint</c>: equal fingerprints mean the same card.</summary>
    public string? PaymentFingerprint { get; init; }

    /// <summary><c>billing_country</c>: ISO 3166-1 alpha-2, upper case.</summary>
    public string? BillingCountry { get; init; }

    /// <summary><c>signup_ip</c>; an IPv4-mapped IPv6 address is given as IPv4.</summary>
    public IPAddress? SignupIp { get; init; }

    /// <summary><c>verification</c>.</summary>
    public required Verification Verification { get; init; }

    /// <summary><c>tier</c>.</summary>
    public required AccountTier Tier { get; init; }
}

namespace InvestigationConsole.Application.Simulation;

internal enum Verification : byte
{
    None,
    Email,
    Phone,
    IdDocument,
}

internal enum Tier : byte
{
    Free,
    Tier1,
    Tier2,
    Tier3,
    Tier4,
    Enterprise,
}

/// <summary>One simulated customer account: its registry line and who is really behind it.</summary>
internal sealed class SimulatedAccount
{
    public required int Index { get; init; }
    public required string Id { get; init; }
    public required byte[] IdUtf8 { get; init; }

    /// <summary>The benign kind or the campaign id, as truth.json names it.</summary>
    public required string Label { get; init; }

    public required bool IsCampaign { get; init; }

    public long CreatedTicks { get; set; }
    public string EmailDomain { get; set; } = "gmail.com";
    public string EmailLocalPart { get; set; } = "user";
    public string? OrgId { get; set; }
    public string? PaymentFingerprint { get; set; }
    public string? BillingCountry { get; set; }
    public uint SignupIp { get; set; }
    public Verification Verification { get; set; } = Verification.Email;
    public Tier Tier { get; set; } = Tier.Free;
    public byte[][] ApiKeys { get; set; } = [];

    /// <summary>Signed up after the registry was exported: its requests name an account the registry lacks.</summary>
    public bool Unregistered { get; set; }

    /// <summary>A later registry line for the same account, and what changed.</summary>
    public (SimulatedAccount Line, string Change)? ReExport { get; private set; }

    public void ChangeLater(string change, Action<SimulatedAccount> apply)
    {
        var line = (SimulatedAccount)MemberwiseClone();
        apply(line);
        ReExport = (line, change);
    }

    public static string VerificationText(Verification verification) => verification switch
    {
        Verification.None => "none",
        Verification.Email => "email",
        Verification.Phone => "phone",
        _ => "id_document",
    };

    public static string TierText(Tier tier) => tier switch
    {
        Tier.Free => "free",
        Tier.Tier1 => "tier1",
        Tier.Tier2 => "tier2",
        Tier.Tier3 => "tier3",
        Tier.Tier4 => "tier4",
        _ => "enterprise",
    };
}

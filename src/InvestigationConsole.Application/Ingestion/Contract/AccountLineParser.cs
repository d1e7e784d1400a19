using System.Net;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>Validates one accounts line against accounts.schema.json and builds its <see cref="AccountRecord"/>.</summary>
internal static class AccountLineParser
{
    private const int AccountId = 0;
    private const int OrgId = 1;
    private const int CreatedAt = 2;
    private const int EmailDomain = 3;
    private const int EmailLocalSha256 = 4;
    private const int PaymentFingerprint = 5;
    private const int BillingCountry = 6;
    private const int SignupIp = 7;
    private const int VerificationField = 8;
    private const int TierField = 9;

    private static readonly ContractFieldTable Fields = new(
        ["account_id", "org_id", "created_at", "email_domain", "email_local_sha256", "payment_fingerprint", "billing_country", "signup_ip", "verification", "tier"],
        "account_id", "created_at", "email_domain", "verification", "tier");

    private static readonly string[] VerificationNames = ["none", "email", "phone", "id_document"];
    private static readonly string[] TierNames = ["free", "tier1", "tier2", "tier3", "tier4", "enterprise"];

    public static LineFault? Parse(ReadOnlySpan<byte> line, out AccountRecord? record)
    {
        record = null;
        var cursor = new JsonLineCursor(line);
        if (cursor.EnterObject() is { } notAnObject)
        {
            return notAnObject;
        }

        string? accountId = null, orgId = null, emailDomain = null, emailLocalSha256 = null, paymentFingerprint = null, billingCountry = null;
        DateTimeOffset createdAt = default;
        IPAddress? signupIp = null;
        int verification = -1, tier = -1;
        ulong seen = 0;
        var hint = 0;
        LineFault? fault = null;
        while (cursor.NextProperty(out var name))
        {
            // After the first fault the rest is still read, so a line that is also broken JSON is reported as InvalidJson.
            if (fault is not null)
            {
                continue;
            }

            var field = Fields.Find(name, ref hint);
            if (field < 0)
            {
                continue;
            }

            seen |= 1UL << field;
            fault = field switch
            {
                AccountId => cursor.ReadString(Fields[field], required: true, 1, 64, out accountId),
                OrgId => cursor.ReadString(Fields[field], required: false, 0, 64, out orgId),
                CreatedAt => cursor.ReadTimestamp(Fields[field], out createdAt),
                EmailDomain => cursor.ReadString(Fields[field], required: true, 1, 253, out emailDomain),
                EmailLocalSha256 => cursor.ReadSha256Hex(Fields[field], out emailLocalSha256),
                PaymentFingerprint => cursor.ReadString(Fields[field], required: false, 0, 128, out paymentFingerprint),
                BillingCountry => cursor.ReadCountryCode(Fields[field], out billingCountry),
                SignupIp => cursor.ReadIpAddress(Fields[field], required: false, out signupIp),
                VerificationField => cursor.ReadEnumeration(Fields[field], VerificationNames, out verification),
                _ => cursor.ReadEnumeration(Fields[TierField], TierNames, out tier),
            };
        }

        fault ??= Fields.CheckRequired(seen);
        if (fault is not null)
        {
            return fault;
        }

        record = new AccountRecord
        {
            AccountId = accountId!,
            OrgId = orgId,
            CreatedAt = createdAt,
            EmailDomain = emailDomain!.ToLowerInvariant(),
            EmailLocalSha256 = emailLocalSha256,
            PaymentFingerprint = paymentFingerprint,
            BillingCountry = billingCountry,
            SignupIp = signupIp,
            Verification = (Verification)verification,
            Tier = (AccountTier)tier,
        };
        return null;
    }
}

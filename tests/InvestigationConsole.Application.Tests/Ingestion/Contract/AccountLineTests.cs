using System.Net;
using InvestigationConsole.Application.Ingestion.Contract;
using static InvestigationConsole.Application.Tests.Ingestion.Contract.ContractLines;

namespace InvestigationConsole.Application.Tests.Ingestion.Contract;

public sealed class AccountLineTests : IDisposable
{
    private readonly ExportFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void AccountLine_Valid_MapsEveryField()
    {
        var line = _files.ReadSingle(GatewayStream.Accounts, Account);

        Assert.Null(line.Rejection);
        Assert.Null(line.Request);
        var account = Assert.IsType<AccountRecord>(line.Account);
        Assert.Equal("acct_7f3a91", account.AccountId);
        Assert.Null(account.OrgId);
        Assert.Equal(new DateTimeOffset(2026, 1, 4, 9, 12, 44, TimeSpan.Zero), account.CreatedAt);
        Assert.Equal("gmail.com", account.EmailDomain);
        Assert.Equal("5d41402abc4b2a76b9719d911017c592ae1f5d8e2c5b0c1f0c6a9a5f0b3c2d1e", account.EmailLocalSha256);
        Assert.Equal("pf_Qx81LmZ2", account.PaymentFingerprint);
        Assert.Equal("US", account.BillingCountry);
        Assert.Equal(IPAddress.Parse("198.51.100.24"), account.SignupIp);
        Assert.Equal(Verification.Email, account.Verification);
        Assert.Equal(AccountTier.Tier1, account.Tier);
    }

    [Theory]
    [InlineData("account_id")]
    [InlineData("created_at")]
    [InlineData("email_domain")]
    [InlineData("verification")]
    [InlineData("tier")]
    public void AccountLine_RequiredFieldAbsent_IsMissingFieldNamingIt(string field)
    {
        var rejection = Reject(AccountWith(field, null), RejectionReason.MissingField, field);

        Assert.Equal($"missing required field '{field}'", rejection.Message);
    }

    [Theory]
    [InlineData("account_id")]
    [InlineData("created_at")]
    [InlineData("email_domain")]
    [InlineData("verification")]
    [InlineData("tier")]
    public void AccountLine_RequiredFieldNull_IsWrongType(string field)
    {
        var rejection = Reject(AccountWith(field, "null"), RejectionReason.WrongType, field);

        Assert.Equal($"required field '{field}' is null", rejection.Message);
    }

    [Theory]
    [InlineData("org_id")]
    [InlineData("email_local_sha256")]
    [InlineData("payment_fingerprint")]
    [InlineData("billing_country")]
    [InlineData("signup_ip")]
    public void AccountLine_OptionalFieldNullOrAbsent_IsAccepted(string field)
    {
        Assert.NotNull(_files.ReadSingle(GatewayStream.Accounts, AccountWith(field, "null")).Account);
        Assert.NotNull(_files.ReadSingle(GatewayStream.Accounts, AccountWith(field, null)).Account);
    }

    [Theory]
    [InlineData("account_id", "7")]
    [InlineData("org_id", "19")]
    [InlineData("created_at", "1735981964")]
    [InlineData("email_domain", "[\"gmail.com\"]")]
    [InlineData("email_local_sha256", "{}")]
    [InlineData("payment_fingerprint", "true")]
    [InlineData("billing_country", "840")]
    [InlineData("signup_ip", "3325256728")]
    [InlineData("verification", "1")]
    [InlineData("tier", "[\"free\"]")]
    public void AccountLine_FieldOfWrongType_IsWrongTypeNamingIt(string field, string rawValue)
    {
        var rejection = Reject(AccountWith(field, rawValue), RejectionReason.WrongType, field);

        Assert.Contains($"'{field}'", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", Verification.None)]
    [InlineData("email", Verification.Email)]
    [InlineData("phone", Verification.Phone)]
    [InlineData("id_document", Verification.IdDocument)]
    public void AccountLine_EachVerification_IsMapped(string value, Verification expected)
    {
        var account = _files.ReadSingle(GatewayStream.Accounts, AccountWith("verification", $"\"{value}\"")).Account;

        Assert.Equal(expected, account!.Verification);
    }

    [Theory]
    [InlineData("free", AccountTier.Free)]
    [InlineData("tier1", AccountTier.Tier1)]
    [InlineData("tier2", AccountTier.Tier2)]
    [InlineData("tier3", AccountTier.Tier3)]
    [InlineData("tier4", AccountTier.Tier4)]
    [InlineData("enterprise", AccountTier.Enterprise)]
    public void AccountLine_EachTier_IsMapped(string value, AccountTier expected)
    {
        var account = _files.ReadSingle(GatewayStream.Accounts, AccountWith("tier", $"\"{value}\"")).Account;

        Assert.Equal(expected, account!.Tier);
    }

    [Theory]
    [InlineData("verification", "\"Email\"")]
    [InlineData("verification", "\"passport\"")]
    [InlineData("verification", "\"\"")]
    [InlineData("tier", "\"tier5\"")]
    [InlineData("tier", "\"FREE\"")]
    [InlineData("billing_country", "\"us\"")]
    [InlineData("billing_country", "\"USA\"")]
    [InlineData("billing_country", "\"U1\"")]
    [InlineData("email_local_sha256", "\"5D41402ABC4B2A76B9719D911017C592AE1F5D8E2C5B0C1F0C6A9A5F0B3C2D1E\"")]
    [InlineData("email_local_sha256", "\"5d41402abc4b2a76b9719d911017c592\"")]
    [InlineData("account_id", "\"\"")]
    [InlineData("email_domain", "\"\"")]
    public void AccountLine_ValueOutsideSchema_IsValueOutOfRange(string field, string rawValue)
    {
        var rejection = Reject(AccountWith(field, rawValue), RejectionReason.ValueOutOfRange, field);

        Assert.Contains($"'{field}'", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("account_id", 64)]
    [InlineData("org_id", 64)]
    [InlineData("email_domain", 253)]
    [InlineData("payment_fingerprint", 128)]
    public void AccountLine_StringAtMaxLength_IsAcceptedAndOneMoreIsValueOutOfRange(string field, int maxLength)
    {
        Assert.NotNull(_files.ReadSingle(GatewayStream.Accounts, AccountWith(field, StringOf(maxLength))).Account);

        Reject(AccountWith(field, StringOf(maxLength + 1)), RejectionReason.ValueOutOfRange, field);
    }

    [Fact]
    public void AccountLine_CreatedAtNotRfc3339_IsBadTimestamp()
    {
        var rejection = Reject(AccountWith("created_at", "\"04/01/2026 09:12\""), RejectionReason.BadTimestamp, "created_at");

        Assert.Equal("field 'created_at' is not an RFC 3339 timestamp: '04/01/2026 09:12'", rejection.Message);
    }

    [Fact]
    public void AccountLine_SignupIpUnparseable_IsBadIpAddress()
    {
        Reject(AccountWith("signup_ip", "\"198.51.100\""), RejectionReason.BadIpAddress, "signup_ip");
    }

    [Fact]
    public void AccountLine_EmailDomainInUpperCase_IsLowerCased()
    {
        var account = _files.ReadSingle(GatewayStream.Accounts, AccountWith("email_domain", "\"Example-Corp.COM\"")).Account;

        Assert.Equal("example-corp.com", account!.EmailDomain);
    }

    [Fact]
    public void AccountLine_UnknownNestedFields_AreIgnored()
    {
        var line = Account[..^1] + ""","risk":{"score":0.7,"reasons":["vpn",{"asn":[1,2]}]},"marketing_opt_in":false}""";

        Assert.NotNull(_files.ReadSingle(GatewayStream.Accounts, line).Account);
    }

    [Fact]
    public void AccountLine_ReadAsRequestsStream_IsMissingRequestFields()
    {
        var line = _files.ReadSingle(GatewayStream.Requests, Account);

        Assert.Equal(RejectionReason.MissingField, line.Rejection!.Reason);
        Assert.Equal("request_id", line.Rejection.Field);
    }

    private LineRejection Reject(string line, RejectionReason reason, string? field)
    {
        var result = _files.ReadSingle(GatewayStream.Accounts, line);
        Assert.Null(result.Account);
        var rejection = Assert.IsType<LineRejection>(result.Rejection);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal(field, rejection.Field);
        return rejection;
    }
}

using System.Net;
using InvestigationConsole.Application.Ingestion.Contract;
using static InvestigationConsole.Application.Tests.Ingestion.Contract.ContractLines;

namespace InvestigationConsole.Application.Tests.Ingestion.Contract;

public sealed class RequestLineTests : IDisposable
{
    private readonly ExportFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void RequestLine_Valid_MapsEveryField()
    {
        var line = _files.ReadSingle(GatewayStream.Requests, Request);

        Assert.Equal(1, line.LineNumber);
        Assert.Null(line.Rejection);
        Assert.Null(line.Account);
        var request = Assert.IsType<RequestRecord>(line.Request);
        Assert.Equal("req_000001", request.RequestId);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 8, 0, 1, 204, TimeSpan.Zero), request.Timestamp);
        Assert.Equal(TimeSpan.Zero, request.Timestamp.Offset);
        Assert.Equal("acct_7f3a91", request.AccountId);
        Assert.Equal("key_1a", request.ApiKeyId);
        Assert.Equal(IPAddress.Parse("198.51.100.24"), request.Ip);
        Assert.Equal("python-httpx/0.27.0", request.UserAgent);
        Assert.Equal("frontier-large-2", request.Model);
        Assert.Equal("/v1/messages", request.Endpoint);
        Assert.Equal(412, request.InputTokens);
        Assert.Equal(1890, request.OutputTokens);
        Assert.Equal(6120, request.LatencyMs);
        Assert.Equal(200, request.Status);
        Assert.Equal(0, request.ToolCount);
        Assert.Equal(1, request.Turns);
        Assert.Null(request.SystemPromptSha256);
        Assert.Equal("Solve the following problem.", request.Prompt);
    }

    [Theory]
    [InlineData("request_id")]
    [InlineData("ts")]
    [InlineData("account_id")]
    [InlineData("ip")]
    [InlineData("model")]
    [InlineData("input_tokens")]
    [InlineData("output_tokens")]
    [InlineData("status")]
    public void RequestLine_RequiredFieldAbsent_IsMissingFieldNamingIt(string field)
    {
        var rejection = Reject(RequestWith(field, null), RejectionReason.MissingField, field);

        Assert.Equal($"missing required field '{field}'", rejection.Message);
    }

    [Fact]
    public void RequestLine_SeveralRequiredFieldsAbsent_NamesThemAllInContractOrder()
    {
        var rejection = Reject("""{"request_id":"r1","account_id":"a","model":"m","input_tokens":1,"output_tokens":1,"status":200}""", RejectionReason.MissingField, "ts");

        Assert.Equal("missing required fields 'ts', 'ip'", rejection.Message);
    }

    [Theory]
    [InlineData("request_id")]
    [InlineData("ts")]
    [InlineData("account_id")]
    [InlineData("ip")]
    [InlineData("model")]
    [InlineData("input_tokens")]
    [InlineData("output_tokens")]
    [InlineData("status")]
    public void RequestLine_RequiredFieldNull_IsWrongType(string field)
    {
        var rejection = Reject(RequestWith(field, "null"), RejectionReason.WrongType, field);

        Assert.Equal($"required field '{field}' is null", rejection.Message);
    }

    [Theory]
    [InlineData("api_key_id")]
    [InlineData("user_agent")]
    [InlineData("endpoint")]
    [InlineData("latency_ms")]
    [InlineData("tool_count")]
    [InlineData("turns")]
    [InlineData("system_prompt_sha256")]
    [InlineData("prompt")]
    public void RequestLine_OptionalFieldNullOrAbsent_IsAccepted(string field)
    {
        Assert.NotNull(_files.ReadSingle(GatewayStream.Requests, RequestWith(field, "null")).Request);
        Assert.NotNull(_files.ReadSingle(GatewayStream.Requests, RequestWith(field, null)).Request);
    }

    [Fact]
    public void RequestLine_OnlyRequiredFields_LeavesOptionalOnesNull()
    {
        var request = _files.ReadSingle(GatewayStream.Requests, """{"request_id":"r1","ts":"2026-02-01T08:00:00Z","account_id":"a","ip":"::1","model":"m","input_tokens":0,"output_tokens":0,"status":500}""").Request!;

        Assert.Null(request.ApiKeyId);
        Assert.Null(request.UserAgent);
        Assert.Null(request.Endpoint);
        Assert.Null(request.LatencyMs);
        Assert.Null(request.ToolCount);
        Assert.Null(request.Turns);
        Assert.Null(request.SystemPromptSha256);
        Assert.Null(request.Prompt);
    }

    [Theory]
    [InlineData("request_id", "5")]
    [InlineData("request_id", "true")]
    [InlineData("ts", "1706774401")]
    [InlineData("account_id", "{\"id\":1}")]
    [InlineData("api_key_id", "[\"k\"]")]
    [InlineData("ip", "3325256728")]
    [InlineData("user_agent", "false")]
    [InlineData("model", "[]")]
    [InlineData("endpoint", "1")]
    [InlineData("system_prompt_sha256", "0")]
    [InlineData("prompt", "{}")]
    [InlineData("input_tokens", "\"412\"")]
    [InlineData("input_tokens", "1.5")]
    [InlineData("output_tokens", "true")]
    [InlineData("output_tokens", "0.001")]
    [InlineData("latency_ms", "\"6120\"")]
    [InlineData("latency_ms", "6120.5")]
    [InlineData("status", "\"200\"")]
    [InlineData("status", "200.1")]
    [InlineData("status", "[200]")]
    [InlineData("tool_count", "{}")]
    [InlineData("tool_count", "2.5e0")]
    [InlineData("turns", "\"1\"")]
    [InlineData("turns", "1e-400")]
    public void RequestLine_FieldOfWrongType_IsWrongTypeNamingIt(string field, string rawValue)
    {
        var rejection = Reject(RequestWith(field, rawValue), RejectionReason.WrongType, field);

        Assert.Contains($"'{field}'", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("412.0", 412)]
    [InlineData("4.12e2", 412)]
    [InlineData("41200E-2", 412)]
    [InlineData("-0.0", 0)]
    public void RequestLine_IntegerWrittenWithZeroFraction_IsAcceptedAsInteger(string rawValue, long expected)
    {
        var request = _files.ReadSingle(GatewayStream.Requests, RequestWith("input_tokens", rawValue)).Request;

        Assert.Equal(expected, request!.InputTokens);
    }

    [Theory]
    [InlineData("input_tokens", "-1")]
    [InlineData("output_tokens", "-1890")]
    [InlineData("latency_ms", "-5")]
    [InlineData("tool_count", "-1")]
    [InlineData("turns", "-1")]
    [InlineData("input_tokens", "-1e30")]
    [InlineData("output_tokens", "-1.0")]
    public void RequestLine_NegativeCount_IsNegativeCount(string field, string rawValue)
    {
        var rejection = Reject(RequestWith(field, rawValue), RejectionReason.NegativeCount, field);

        Assert.Contains($"'{field}'", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("999")]
    [InlineData("2147483647")]
    public void RequestLine_StatusAnyInteger_IsAccepted(string rawValue)
    {
        var request = _files.ReadSingle(GatewayStream.Requests, RequestWith("status", rawValue)).Request;

        Assert.Equal(int.Parse(rawValue, System.Globalization.CultureInfo.InvariantCulture), request!.Status);
    }

    [Theory]
    [InlineData("turns", "0")]
    [InlineData("status", "2147483648")]
    [InlineData("input_tokens", "1e20")]
    [InlineData("latency_ms", "123456789012345678901234567890")]
    [InlineData("tool_count", "2147483648")]
    [InlineData("request_id", "\"\"")]
    [InlineData("account_id", "\"\"")]
    [InlineData("model", "\"\"")]
    [InlineData("system_prompt_sha256", "\"2C26B46B68FFC68FF99B453C1D30413413422D706483BFA0F98A5E886266E7AE\"")]
    [InlineData("system_prompt_sha256", "\"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7a\"")]
    [InlineData("system_prompt_sha256", "\"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ag\"")]
    public void RequestLine_ValueOutsideSchema_IsValueOutOfRange(string field, string rawValue)
    {
        var rejection = Reject(RequestWith(field, rawValue), RejectionReason.ValueOutOfRange, field);

        Assert.Contains($"'{field}'", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("request_id", 64)]
    [InlineData("account_id", 64)]
    [InlineData("api_key_id", 64)]
    [InlineData("user_agent", 512)]
    [InlineData("model", 128)]
    [InlineData("endpoint", 256)]
    [InlineData("prompt", 4000)]
    public void RequestLine_StringAtMaxLength_IsAcceptedAndOneMoreIsValueOutOfRange(string field, int maxLength)
    {
        Assert.NotNull(_files.ReadSingle(GatewayStream.Requests, RequestWith(field, StringOf(maxLength))).Request);

        var rejection = Reject(RequestWith(field, StringOf(maxLength + 1)), RejectionReason.ValueOutOfRange, field);
        Assert.Contains($"has {maxLength + 1}", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestLine_PromptOf4000Emoji_IsAcceptedBecauseLengthCountsCharactersNotUtf16Units()
    {
        var request = _files.ReadSingle(GatewayStream.Requests, RequestWith("prompt", StringOf(4000, "😀"))).Request;

        Assert.Equal(8000, request!.Prompt!.Length);
        Reject(RequestWith("prompt", StringOf(4001, "😀")), RejectionReason.ValueOutOfRange, "prompt");
    }

    [Theory]
    [InlineData("2026-02-01T10:00:01.204+02:00")]
    [InlineData("2026-02-01T05:30:01.204-02:30")]
    [InlineData("2026-02-01t08:00:01.204z")]
    [InlineData("2026-02-01T08:00:01.2040000Z")]
    [InlineData("2026-02-01T08:00:01.20400009Z")]
    public void RequestLine_TimestampWithOffsetOrCase_IsNormalisedToUtc(string ts)
    {
        var request = _files.ReadSingle(GatewayStream.Requests, RequestWith("ts", $"\"{ts}\"")).Request;

        Assert.Equal(new DateTimeOffset(2026, 2, 1, 8, 0, 1, 204, TimeSpan.Zero), request!.Timestamp);
        Assert.Equal(TimeSpan.Zero, request.Timestamp.Offset);
    }

    [Theory]
    [InlineData("2026-02-01T08:00:00")]
    [InlineData("2026-02-01 08:00:00Z")]
    [InlineData("2026-02-01")]
    [InlineData("2026-02-30T08:00:00Z")]
    [InlineData("2026-13-01T08:00:00Z")]
    [InlineData("2026-02-01T24:00:00Z")]
    [InlineData("2026-02-01T08:60:00Z")]
    [InlineData("2026-02-01T08:00:00.Z")]
    [InlineData("2026-02-01T08:00:00+0200")]
    [InlineData("2026-02-01T08:00:00+24:00")]
    [InlineData("2026-02-01T08:00:00ZZ")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+00:01")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void RequestLine_TimestampNotRfc3339_IsBadTimestamp(string ts)
    {
        var rejection = Reject(RequestWith("ts", $"\"{ts}\""), RejectionReason.BadTimestamp, "ts");

        Assert.Equal($"field 'ts' is not an RFC 3339 timestamp: '{ts}'", rejection.Message);
    }

    [Fact]
    public void RequestLine_LeapSecond_BecomesNextMinute()
    {
        var request = _files.ReadSingle(GatewayStream.Requests, RequestWith("ts", "\"2016-12-31T23:59:60Z\"")).Request;

        Assert.Equal(new DateTimeOffset(2017, 1, 1, 0, 0, 0, TimeSpan.Zero), request!.Timestamp);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData("::1", "::1")]
    [InlineData("::ffff:198.51.100.24", "198.51.100.24")]
    public void RequestLine_IpAddress_IsParsed(string ip, string expected)
    {
        var request = _files.ReadSingle(GatewayStream.Requests, RequestWith("ip", $"\"{ip}\"")).Request;

        Assert.Equal(IPAddress.Parse(expected), request!.Ip);
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("127.1")]
    [InlineData("010.0.0.1")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1.2.3.4:80")]
    [InlineData(" 1.2.3.4")]
    [InlineData("1.2.3.4.5")]
    [InlineData("[::1]")]
    [InlineData("[::1]:443")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::g")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    public void RequestLine_IpAddressUnparseable_IsBadIpAddress(string ip)
    {
        var rejection = Reject(RequestWith("ip", $"\"{ip}\""), RejectionReason.BadIpAddress, "ip");

        Assert.Equal($"field 'ip' is not an IPv4 or IPv6 address: '{ip}'", rejection.Message);
    }

    [Fact]
    public void RequestLine_UnknownFieldsOfAnyShape_AreIgnored()
    {
        var line = Request[..^1]
            + ""","region":"eu-west-1","cost":{"usd":0.12,"breakdown":[{"a":1},{"b":[1,2,{"c":null}]}]},"tags":["x",["y"]],"flag":true,"nothing":null,"ts_ms":17}""";

        var request = _files.ReadSingle(GatewayStream.Requests, line).Request;

        Assert.NotNull(request);
        Assert.Equal(412, request.InputTokens);
    }

    [Fact]
    public void RequestLine_FieldsInAnyOrderAndEscapedNames_AreRecognised()
    {
        var line = """{"status":200,"output_tokens":2,"\u0074s":"2026-02-01T08:00:00\u005A","model":"m","ip":"1.2.3.4","input_tokens":1,"account_id":"a\u00e9","request_id":"r1"}""";

        var request = _files.ReadSingle(GatewayStream.Requests, line).Request;

        Assert.Equal(new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero), request!.Timestamp);
        Assert.Equal("aé", request.AccountId);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"request_id\":\"r1\",}")]
    [InlineData("{\"request_id\":'r1'}")]
    [InlineData("{\"request_id\":\"r1\"} {\"request_id\":\"r2\"}")]
    [InlineData("{\"request_id\":\"r1\"}x")]
    [InlineData("{\"prompt\":\"\\ud800\"}")]
    [InlineData("{\"ts\":5,\"x\":}")]
    public void RequestLine_NotJson_IsInvalidJson(string line)
    {
        var rejection = Reject(line, RejectionReason.InvalidJson, null);

        Assert.Equal(line, rejection.RawText);
    }

    [Fact]
    public void RequestLine_NotJson_MessageGivesTheBytePosition()
    {
        var rejection = Reject("{\"request_id\":x}", RejectionReason.InvalidJson, null);

        Assert.StartsWith("line is not valid JSON at byte 14: ", rejection.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestLine_InvalidUtf8_IsInvalidJsonWithReplacementCharacters()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Request).ToList();
        bytes.InsertRange(bytes.Count - 3, [0xC3, 0x28]);
        var path = _files.Write("requests-utf8.jsonl", [.. bytes, (byte)'\n']);

        var rejection = Assert.Single(ExportFiles.ReadAll(path, GatewayStream.Requests)).Rejection;

        Assert.Equal(RejectionReason.InvalidJson, rejection!.Reason);
        Assert.Contains("\uFFFD(", rejection.RawText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1,2]", "an array")]
    [InlineData("\"request\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void RequestLine_NotAnObject_IsWrongType(string line, string found)
    {
        var rejection = Reject(line, RejectionReason.WrongType, null);

        Assert.Equal($"line must be a JSON object but is {found}", rejection.Message);
    }

    [Fact]
    public void RequestLine_DuplicateField_LastValueWins()
    {
        var request = _files.ReadSingle(GatewayStream.Requests, Request[..^1] + ",\"model\":\"second\"}").Request;

        Assert.Equal("second", request!.Model);
    }

    private LineRejection Reject(string line, RejectionReason reason, string? field)
    {
        var result = _files.ReadSingle(GatewayStream.Requests, line);
        Assert.Null(result.Request);
        var rejection = Assert.IsType<LineRejection>(result.Rejection);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal(field, rejection.Field);
        Assert.Equal(1, rejection.LineNumber);
        return rejection;
    }
}

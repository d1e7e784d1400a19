using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using InvestigationConsole.Application.Ingestion.Contract;

namespace InvestigationConsole.Application.Tests.Ingestion.Contract;

/// <summary>Valid lines of both streams (the contract samples' first lines) and variations of them.</summary>
public static class ContractLines
{
    public const string Request =
        """{"request_id":"req_000001","ts":"2026-02-01T08:00:01.204Z","account_id":"acct_7f3a91","api_key_id":"key_1a","ip":"198.51.100.24","user_agent":"python-httpx/0.27.0","model":"frontier-large-2","endpoint":"/v1/messages","input_tokens":412,"output_tokens":1890,"latency_ms":6120,"status":200,"tool_count":0,"turns":1,"system_prompt_sha256":null,"prompt":"Solve the following problem."}""";

    public const string Account =
        """{"account_id":"acct_7f3a91","org_id":null,"created_at":"2026-01-04T09:12:44Z","email_domain":"gmail.com","email_local_sha256":"5d41402abc4b2a76b9719d911017c592ae1f5d8e2c5b0c1f0c6a9a5f0b3c2d1e","payment_fingerprint":"pf_Qx81LmZ2","billing_country":"US","signup_ip":"198.51.100.24","verification":"email","tier":"tier1"}""";

    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Valid(GatewayStream stream) => stream == GatewayStream.Requests ? Request : Account;

    /// <summary>The valid line with <paramref name="field"/> set to the raw JSON <paramref name="rawValue"/>, or removed when it is null.</summary>
    public static string With(GatewayStream stream, string field, string? rawValue)
    {
        var line = JsonNode.Parse(Valid(stream))!.AsObject();
        if (rawValue is null)
        {
            line.Remove(field);
        }
        else
        {
            line[field] = JsonNode.Parse(rawValue);
        }

        return line.ToJsonString(Unescaped);
    }

    public static string RequestWith(string field, string? rawValue) => With(GatewayStream.Requests, field, rawValue);

    public static string AccountWith(string field, string? rawValue) => With(GatewayStream.Accounts, field, rawValue);

    /// <summary>A JSON string literal of <paramref name="length"/> copies of <paramref name="unit"/>.</summary>
    public static string StringOf(int length, string unit = "a") => JsonSerializer.Serialize(string.Concat(Enumerable.Repeat(unit, length)), Unescaped);

    /// <summary>A valid request line with an ignored padding field, exactly <paramref name="bytes"/> bytes long.</summary>
    public static string RequestOfLength(int bytes, int index)
    {
        var head = Request[..^1] + ",\"padding\":\"";
        var core = head.Replace("req_000001", $"req_{index:D6}", StringComparison.Ordinal);
        return core + new string('x', bytes - core.Length - 2) + "\"}";
    }
}

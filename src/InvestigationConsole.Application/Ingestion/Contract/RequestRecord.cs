using System.Net;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>One API exchange from the request export. <see cref="RequestId"/> is the idempotency key.</summary>
public sealed record RequestRecord
{
    /// <summary><c>request_id</c>: 1–64 characters.</summary>
    public required string RequestId { get; init; }

    /// <summary><c>ts</c>, normalised to UTC.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary><c>account_id</c>: 1–64 characters; may name an account the registry has not exported yet.</summary>
    public required string AccountId { get; init; }

    /// <summary><c>api_key_id</c>.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary><c>ip</c>; an IPv4-mapped IPv6 address is given as IPv4.</summary>
    public required IPAddress Ip { get; init; }

    /// <summary><c>user_agent</c>: at most 512 characters.</summary>
    public string? UserAgent { get; init; }

    /// <summary><c>model</c>.</summary>
    public required string Model { get; init; }

    /// <summary><c>endpoint</c>, e.g. <c>/v1/messages</c>.</summary>
    public string? Endpoint { get; init; }

    /// <summary><c>input_tokens</c>: ≥ 0.</summary>
    public required long InputTokens { get; init; }

    /// <summary><c>output_tokens</c>: ≥ 0.</summary>
    public required long OutputTokens { get; init; }

    /// <summary><c>latency_ms</c>: ≥ 0.</summary>
    public long? LatencyMs { get; init; }

    /// <summary><c>status</c>: the HTTP status; any integer.</summary>
    public required int Status { get; init; }

    /// <summary><c>tool_count</c>: ≥ 0.</summary>
    public int? ToolCount { get; init; }

    /// <summary><c>turns</c>: ≥ 1.</summary>
    public int? Turns { get; init; }

    /// <summary><c>system_prompt_sha256</c>: 64 lower-case hex characters.</summary>
    public string? SystemPromptSha256 { get; init; }

    /// <summary><c>prompt</c>: at most 4,000 characters.</summary>
    public string? Prompt { get; init; }
}

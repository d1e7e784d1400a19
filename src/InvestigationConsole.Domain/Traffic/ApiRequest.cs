namespace InvestigationConsole.Domain.Traffic;

/// <summary>
/// One API exchange, stored compactly: no prompt text (that is kept only as bounded evidence samples), repeated
/// strings as lookup ids, and the prompt's derived features. Rows are kept in arrival order (<see cref="Seq"/>) so that
/// ingestion appends instead of scattering writes; <see cref="Key"/> is a 64-bit hash of the gateway's request_id, the
/// idempotency key, checked in memory (see ADR-004).
/// </summary>
public sealed class ApiRequest
{
    /// <summary>Arrival order: assigned by the database on insert.</summary>
    public long Seq { get; set; }

    public long Key { get; set; }
    public string RequestId { get; set; } = "";
    public int AccountKey { get; set; }
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Whole UTC days since the Unix epoch: leads the account index so that each day's inserts stay together.</summary>
    public int Day { get; set; }

    public string? ApiKeyId { get; set; }
    public string Ip { get; set; } = "";
    public string IpPrefix { get; set; } = "";
    public int? UserAgentId { get; set; }
    public int ModelId { get; set; }
    public int? EndpointId { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    public long? LatencyMs { get; set; }
    public int Status { get; set; }
    public int? ToolCount { get; set; }
    public int? Turns { get; set; }
    public long? SystemPromptHash { get; set; }
    public int PromptLength { get; set; }
    public int Traits { get; set; }
    public byte[]? Sketch { get; set; }

    public static int DayOf(DateTimeOffset timestamp) => (int)Math.Floor(timestamp.ToUnixTimeSeconds() / 86400d);
}

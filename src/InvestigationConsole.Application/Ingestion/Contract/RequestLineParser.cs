using System.Net;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>Validates one requests line against requests.schema.json and builds its <see cref="RequestRecord"/>.</summary>
internal static class RequestLineParser
{
    private const int RequestId = 0;
    private const int Ts = 1;
    private const int AccountId = 2;
    private const int ApiKeyId = 3;
    private const int Ip = 4;
    private const int UserAgent = 5;
    private const int Model = 6;
    private const int Endpoint = 7;
    private const int InputTokens = 8;
    private const int OutputTokens = 9;
    private const int LatencyMs = 10;
    private const int Status = 11;
    private const int ToolCount = 12;
    private const int Turns = 13;
    private const int SystemPromptSha256 = 14;
    private const int Prompt = 15;

    private static readonly ContractFieldTable Fields = new(
        ["request_id", "ts", "account_id", "api_key_id", "ip", "user_agent", "model", "endpoint", "input_tokens", "output_tokens",
            "latency_ms", "status", "tool_count", "turns", "system_prompt_sha256", "prompt"],
        "request_id", "ts", "account_id", "ip", "model", "input_tokens", "output_tokens", "status");

    public static LineFault? Parse(ReadOnlySpan<byte> line, out RequestRecord? record)
    {
        record = null;
        var cursor = new JsonLineCursor(line);
        if (cursor.EnterObject() is { } notAnObject)
        {
            return notAnObject;
        }

        string? requestId = null, accountId = null, apiKeyId = null, userAgent = null, model = null, endpoint = null, systemPromptSha256 = null, prompt = null;
        DateTimeOffset timestamp = default;
        IPAddress? ip = null;
        long? inputTokens = null, outputTokens = null, latencyMs = null, status = null, toolCount = null, turns = null;
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
                RequestId => cursor.ReadString(Fields[field], required: true, 1, 64, out requestId),
                Ts => cursor.ReadTimestamp(Fields[field], out timestamp),
                AccountId => cursor.ReadString(Fields[field], required: true, 1, 64, out accountId),
                ApiKeyId => cursor.ReadString(Fields[field], required: false, 0, 64, out apiKeyId),
                Ip => cursor.ReadIpAddress(Fields[field], required: true, out ip),
                UserAgent => cursor.ReadString(Fields[field], required: false, 0, 512, out userAgent),
                Model => cursor.ReadString(Fields[field], required: true, 1, 128, out model),
                Endpoint => cursor.ReadString(Fields[field], required: false, 0, 256, out endpoint),
                InputTokens => cursor.ReadInteger(Fields[field], required: true, 0, long.MaxValue, out inputTokens),
                OutputTokens => cursor.ReadInteger(Fields[field], required: true, 0, long.MaxValue, out outputTokens),
                LatencyMs => cursor.ReadInteger(Fields[field], required: false, 0, long.MaxValue, out latencyMs),
                Status => cursor.ReadInteger(Fields[field], required: true, int.MinValue, int.MaxValue, out status),
                ToolCount => cursor.ReadInteger(Fields[field], required: false, 0, int.MaxValue, out toolCount),
                Turns => cursor.ReadInteger(Fields[field], required: false, 1, int.MaxValue, out turns),
                SystemPromptSha256 => cursor.ReadSha256Hex(Fields[field], out systemPromptSha256),
                _ => cursor.ReadString(Fields[Prompt], required: false, 0, 4000, out prompt),
            };
        }

        fault ??= Fields.CheckRequired(seen);
        if (fault is not null)
        {
            return fault;
        }

        record = new RequestRecord
        {
            RequestId = requestId!,
            Timestamp = timestamp,
            AccountId = accountId!,
            ApiKeyId = apiKeyId,
            Ip = ip!,
            UserAgent = userAgent,
            Model = model!,
            Endpoint = endpoint,
            InputTokens = inputTokens!.Value,
            OutputTokens = outputTokens!.Value,
            LatencyMs = latencyMs,
            Status = (int)status!.Value,
            ToolCount = (int?)toolCount,
            Turns = (int?)turns,
            SystemPromptSha256 = systemPromptSha256,
            Prompt = prompt,
        };
        return null;
    }
}

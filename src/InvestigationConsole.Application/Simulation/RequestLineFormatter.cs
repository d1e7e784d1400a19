using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace InvestigationConsole.Application.Simulation;

/// <summary>Writes request lines as the gateway exports them; one formatter per thread.</summary>
internal sealed class RequestLineFormatter
{
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("request_id");
    private static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
    private static readonly JsonEncodedText AccountId = JsonEncodedText.Encode("account_id");
    private static readonly JsonEncodedText ApiKeyId = JsonEncodedText.Encode("api_key_id");
    private static readonly JsonEncodedText Ip = JsonEncodedText.Encode("ip");
    private static readonly JsonEncodedText UserAgent = JsonEncodedText.Encode("user_agent");
    private static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    private static readonly JsonEncodedText Endpoint = JsonEncodedText.Encode("endpoint");
    private static readonly JsonEncodedText InputTokens = JsonEncodedText.Encode("input_tokens");
    private static readonly JsonEncodedText OutputTokens = JsonEncodedText.Encode("output_tokens");
    private static readonly JsonEncodedText LatencyMs = JsonEncodedText.Encode("latency_ms");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ToolCount = JsonEncodedText.Encode("tool_count");
    private static readonly JsonEncodedText Turns = JsonEncodedText.Encode("turns");
    private static readonly JsonEncodedText SystemPromptSha256 = JsonEncodedText.Encode("system_prompt_sha256");
    private static readonly JsonEncodedText Prompt = JsonEncodedText.Encode("prompt");
    private static readonly JsonEncodedText Blob = JsonEncodedText.Encode("attachment_base64");
    private static readonly JsonEncodedText Messages = JsonEncodedText.Encode("/v1/messages");
    private static readonly JsonEncodedText Complete = JsonEncodedText.Encode("/v1/complete");
    private static readonly byte[] OversizedBlob = Enumerable.Repeat((byte)'A', (1 << 20) + 4096).ToArray();

    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    private readonly PromptText _prompt = new();
    private readonly ArrayBufferWriter<byte> _spare = new(1 << 14);
    private readonly PromptLibrary _library = PromptLibrary.Instance;
    private readonly SimulationWorld _world;

    public RequestLineFormatter(SimulationWorld world) => _world = world;

    /// <summary>Where lines go; the caller swaps blocks while a full one is being written.</summary>
    public ArrayBufferWriter<byte> Output { get; set; } = new(1 << 16);

    /// <summary>Appends one line; <paramref name="lineKey"/> makes the request_id, <paramref name="datePrefix"/> is "YYYY-MM-DDT".</summary>
    public void Write(in Exchange exchange, ulong lineKey, ReadOnlySpan<byte> datePrefix, LineDefect defect = LineDefect.None)
    {
        var account = _world.Population[exchange.Account];
        var random = SimulationRandom.For(exchange.Seed, 0x11E);
        var traits = FamilyTraits.Of(exchange.Family);
        _library.Compose(exchange.Family, exchange.Seed, _prompt);

        var status = (int)exchange.Status;
        if (exchange.Ticks >= _world.Clock.IncidentStartTicks && exchange.Ticks < _world.Clock.IncidentEndTicks && random.Chance(0.4))
        {
            status = 529;
        }
        else if (status == 200 && random.Chance(0.001))
        {
            status = 500;
        }

        var input = (_prompt.Length / 4) + 8 + (exchange.ToolCount * 140)
            + (exchange.SystemPrompt > 0 ? 150 + (exchange.SystemPrompt * 37 % 1200) : 0)
            + (int)((exchange.Turns - 1) * traits.TokensPerEarlierTurn * random.Between(0.6, 1.4))
            + (traits.AttachedTokens > 0 ? (int)(traits.AttachedTokens * random.Between(0.8, 1.2)) : 0);
        var output = status == 200 ? (int)(random.LogUniform(traits.OutputMin, traits.OutputMax) * (exchange.Model == ModelCatalog.NewModel ? 1.15 : 1.0)) : 0;
        var latency = status switch
        {
            200 => 250 + random.Next(700) + (input / 60) + (int)(output * ModelCatalog.MillisecondsPerToken[exchange.Model] * random.Between(0.8, 1.3)),
            429 => random.Between(15, 80),
            _ => random.Between(200, 30_000),
        };

        Span<byte> scratch = stackalloc byte[64];
        _json.Reset(defect == LineDefect.InvalidJson ? _spare : Output);
        _json.WriteStartObject();
        WriteRequestId(scratch, lineKey);
        WriteTimestamp(scratch, exchange.Ticks, datePrefix, defect == LineDefect.BadTimestamp);
        _json.WriteString(AccountId, account.IdUtf8);
        _json.WriteString(ApiKeyId, account.ApiKeys[account.ApiKeys.Length == 1 ? 0 : (int)(exchange.Seed % (ulong)account.ApiKeys.Length)]);
        _json.WriteString(Ip, defect == LineDefect.BadIp ? "301.17.4.260"u8 : scratch[..AddressSpace.Format(exchange.Ip, (exchange.Flags & ExchangeFlags.IPv6) != 0, exchange.Seed, scratch)]);
        _json.WriteString(UserAgent, UserAgents.Utf8[exchange.UserAgent]);
        if (defect != LineDefect.MissingRequiredField)
        {
            _json.WriteString(Model, ModelCatalog.Utf8Names[exchange.Model]);
        }

        _json.WriteString(Endpoint, (exchange.Flags & ExchangeFlags.LegacyEndpoint) != 0 ? Complete : Messages);
        if (defect == LineDefect.WrongType)
        {
            Utf8Formatter.TryFormat(input, scratch, out var digits);
            _json.WriteString(InputTokens, scratch[..digits]);
        }
        else
        {
            _json.WriteNumber(InputTokens, input);
        }

        _json.WriteNumber(OutputTokens, defect == LineDefect.NegativeTokenCount ? -Math.Max(1, output) : output);
        _json.WriteNumber(LatencyMs, latency);
        _json.WriteNumber(Status, status);
        _json.WriteNumber(ToolCount, exchange.ToolCount);
        _json.WriteNumber(Turns, exchange.Turns);
        if (_world.Population.SystemPromptHash(exchange.SystemPrompt) is { } hash)
        {
            _json.WriteString(SystemPromptSha256, hash);
        }
        else
        {
            _json.WriteNull(SystemPromptSha256);
        }

        _json.WriteString(Prompt, _prompt.Span);
        if (defect == LineDefect.Oversized)
        {
            _json.WriteString(Blob, OversizedBlob);
        }

        _json.WriteEndObject();
        _json.Flush();
        if (defect == LineDefect.InvalidJson)
        {
            // A line cut short mid-way (at a character boundary): what a crashed exporter leaves behind.
            var cut = _spare.WrittenCount * 3 / 5;
            while ((_spare.WrittenSpan[cut] & 0xC0) == 0x80)
            {
                cut--;
            }

            Output.Write(_spare.WrittenSpan[..cut]);
            _spare.ResetWrittenCount();
        }

        Output.GetSpan(1)[0] = (byte)'\n';
        Output.Advance(1);
    }

    /// <summary>The key of an exchange's line: its day and place in the day's file.</summary>
    public static ulong LineKey(int day, int index) => ((ulong)(uint)day << 32) | (uint)index;

    /// <summary>A defective line's own key, so its request_id never collides with a valid one.</summary>
    public static ulong DefectKey(int day, int index, LineDefect defect) => LineKey(day, index) | (1UL << 62) | ((ulong)defect << 54);

    private void WriteRequestId(Span<byte> scratch, ulong lineKey)
    {
        // A keyed bijection: unique per key, in no visible order.
        var value = SimulationRandom.Mix(lineKey ^ _world.SeedKey);
        "req_"u8.CopyTo(scratch);
        Utf8Formatter.TryFormat(value, scratch[4..], out var written, new StandardFormat('x', 16));
        _json.WriteString(RequestId, scratch[..(4 + written)]);
    }

    private void WriteTimestamp(Span<byte> scratch, long ticks, ReadOnlySpan<byte> datePrefix, bool broken)
    {
        if (broken)
        {
            _json.WriteString(Ts, "2026-02-30T25:61:00Z"u8);
            return;
        }

        datePrefix.CopyTo(scratch);
        var time = ticks % SimulationClock.TicksPerDay;
        var ms = (int)(time / TimeSpan.TicksPerMillisecond);
        var at = datePrefix.Length;
        TwoDigits(scratch, ref at, ms / 3_600_000, ':');
        TwoDigits(scratch, ref at, ms / 60_000 % 60, ':');
        TwoDigits(scratch, ref at, ms / 1000 % 60, '.');
        var millis = ms % 1000;
        scratch[at++] = (byte)('0' + (millis / 100));
        scratch[at++] = (byte)('0' + (millis / 10 % 10));
        scratch[at++] = (byte)('0' + (millis % 10));
        scratch[at++] = (byte)'Z';
        _json.WriteString(Ts, scratch[..at]);
    }

    private static void TwoDigits(Span<byte> scratch, ref int at, int value, char separator)
    {
        scratch[at++] = (byte)('0' + (value / 10));
        scratch[at++] = (byte)('0' + (value % 10));
        scratch[at++] = (byte)separator;
    }
}

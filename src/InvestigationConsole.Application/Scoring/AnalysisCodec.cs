using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Scoring;

/// <summary>An <see cref="AccountAnalysis"/> as stored between runs: JSON, Brotli-compressed (typically 1–3 KB).</summary>
public static class AnalysisCodec
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Converters = { new TraitCountsConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private const int MaxDecoded = 16 * 1024 * 1024;

    /// <summary>A larger buffer is used for that analysis alone, not kept by the thread.</summary>
    private const int KeptBuffer = 1024 * 1024;

    [ThreadStatic]
    private static byte[]? _buffer;

    public static byte[] Encode(AccountAnalysis analysis)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(analysis, Options);
        using var output = new MemoryStream(json.Length / 3);
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(json);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Decompresses in one call into a per-thread buffer (grown when too small) and parses the span: an incremental run
    /// decodes every stored analysis, so no stream and stream buffers are made per analysis.
    /// </summary>
    public static AccountAnalysis Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var buffer = _buffer ??= new byte[64 * 1024];
        int written;
        while (!BrotliDecoder.TryDecompress(data, buffer, out written))
        {
            if (buffer.Length >= MaxDecoded)
            {
                throw new InvalidDataException($"A stored analysis is damaged or larger than {MaxDecoded} bytes.");
            }

            buffer = new byte[buffer.Length * 4];
            if (buffer.Length <= KeptBuffer)
            {
                _buffer = buffer;
            }
        }

        return JsonSerializer.Deserialize<AccountAnalysis>(buffer.AsSpan(0, written), Options) ?? throw new InvalidDataException("Empty stored analysis.");
    }

    /// <summary>Trait counts as 32 numbers, one per flag bit.</summary>
    private sealed class TraitCountsConverter : JsonConverter<PromptTraitCounts>
    {
        public override PromptTraitCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var counts = new PromptTraitCounts();
            var bit = 0;
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Trait counts must be an array.");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var count = reader.GetInt64();
                if (count != 0)
                {
                    counts.Set((PromptTraits)(1u << bit), count);
                }

                bit++;
            }

            return counts;
        }

        public override void Write(Utf8JsonWriter writer, PromptTraitCounts value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            for (var bit = 0; bit < 32; bit++)
            {
                writer.WriteNumberValue(value[(PromptTraits)(1u << bit)]);
            }

            writer.WriteEndArray();
        }
    }
}

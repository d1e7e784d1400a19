using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Scoring;

/// <summary>
/// An <see cref="AccountAnalyzerState"/> as stored between runs (ADR-006), in the manner of <see cref="AnalysisCodec"/>:
/// "ICS" and <see cref="Format"/>, the XxHash3 of the rest, then the fields. Two things keep it short: the profile's
/// address and prefix sets are stored as what they hold beyond the analyzer's first 256, and the band-key counts are left
/// out while every prompt's sketch is still in the reservoir (they are then recounted from the sketches).
/// </summary>
public static class AnalyzerStateCodec
{
    /// <summary>The layout's version; a state of another layout is not decoded and its account is read in full.</summary>
    public const byte Format = 1;

    private const int HeaderLength = 4;
    private const int ChecksumLength = 8;
    private const int Bands = TemplateSketch.ByteLength / sizeof(uint);

    [ThreadStatic]
    private static byte[]? _buffer;

    public static byte[] Encode(AccountAnalyzerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var p = state.Profile;
        var w = new AnalysisCodec.Writer(_buffer ??= new byte[64 * 1024]);
        w.Byte((byte)'I');
        w.Byte((byte)'C');
        w.Byte((byte)'S');
        w.Byte(Format);
        w.Fixed(0);
        w.Longs(p.Hours);
        w.Longs(p.Days);
        w.Longs(p.WindowAll);
        w.Longs(p.WindowModel);
        w.Longs(p.Traits);
        w.Date(p.First);
        w.Date(p.Last);
        w.Signed(p.Requests);
        w.Signed(p.InputTokens);
        w.Signed(p.OutputTokens);
        w.Signed(p.Prompts);
        w.Signed(p.ToolUse);
        w.Signed(p.Gaps);
        w.Double(p.GapMean);
        w.Double(p.GapM2);
        w.Signed(p.HoneypotHits);
        if (w.Count(p.Models) is { } models)
        {
            foreach (var m in models)
            {
                w.String(m.Model);
                w.Date(m.FirstUseAt);
                w.Signed(m.Requests);
            }
        }

        w.Unsigned((ulong)p.Sketches.Length);
        foreach (var sketch in p.Sketches)
        {
            sketch.WriteTo(w.Take(TemplateSketch.ByteLength));
        }

        if (w.Count(state.Ips) is { } ips)
        {
            foreach (var (ip, count) in ips)
            {
                w.String(ip);
                w.Signed(count);
            }
        }

        var first = state.Ips.Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        w.Strings(p.Ips.Where(ip => !first.Contains(ip)).ToArray());
        w.Strings(state.Prefixes);
        var firstPrefixes = state.Prefixes.ToHashSet(StringComparer.Ordinal);
        w.Strings(p.Prefixes.Where(prefix => !firstPrefixes.Contains(prefix)).ToArray());
        if (w.Count(state.Clients) is { } clients)
        {
            foreach (var (client, count) in clients)
            {
                w.Fixed(client);
                w.Signed(count);
            }
        }

        if (p.Prompts == p.Sketches.Length)
        {
            w.Byte(0);
        }
        else
        {
            w.Byte(1);
            w.Unsigned((ulong)state.BandKeys.Length);
            foreach (var (key, count) in state.BandKeys)
            {
                w.Unsigned(key);
                w.Signed(count);
            }
        }

        w.Keys(state.Activity);
        if (w.Count(state.FirstUse) is { } firstUse)
        {
            foreach (var (model, at) in firstUse)
            {
                w.String(model);
                w.Date(at);
            }
        }

        if (w.Buffer.Length <= 4 * 1024 * 1024)
        {
            _buffer = w.Buffer;
        }

        var encoded = w.Buffer.AsSpan(0, w.Position).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(encoded.AsSpan(HeaderLength), XxHash3.HashToUInt64(encoded.AsSpan(HeaderLength + ChecksumLength)));
        return encoded;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for bytes of another layout, cut short, too long or damaged.</summary>
    public static AccountAnalyzerState Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length < HeaderLength + ChecksumLength || data[0] != (byte)'I' || data[1] != (byte)'C' || data[2] != (byte)'S' || data[3] != Format)
        {
            throw new InvalidDataException($"A stored analyzer state is not in layout {Format} (an older layout, or damaged).");
        }

        var payload = data.AsSpan(HeaderLength + ChecksumLength);
        if (BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(HeaderLength)) != XxHash3.HashToUInt64(payload))
        {
            throw new InvalidDataException("A stored analyzer state is damaged (its checksum does not match).");
        }

        try
        {
            var r = new AnalysisCodec.Reader(payload);
            var hours = Required(r.Longs());
            var days = Required(r.Longs());
            var windowAll = Required(r.Longs());
            var windowModel = Required(r.Longs());
            var traits = Required(r.Longs());
            if (traits.Length != 32 || hours.Length != 24)
            {
                throw new InvalidDataException("A stored analyzer state has damaged counts.");
            }

            var (firstAt, lastAt) = (r.Date(), r.Date());
            var (requests, input, output, prompts, tools, gaps) = (r.Signed(), r.Signed(), r.Signed(), r.Signed(), r.Signed(), r.Signed());
            var (gapMean, gapM2, honeypot) = (r.Double(), r.Double(), r.Int());
            var models = new ModelUse[r.Count(minBytesEach: 11) ?? 0];
            for (var i = 0; i < models.Length; i++)
            {
                models[i] = new ModelUse(r.String()!, r.Date() ?? throw new InvalidDataException("A stored model use has no date."), r.Signed());
            }

            var sketchCount = r.Unsigned();
            if (sketchCount > (ulong)(payload.Length / TemplateSketch.ByteLength))
            {
                throw new InvalidDataException("A stored analyzer state has a damaged list.");
            }

            var sketches = new TemplateSketch[sketchCount];
            for (var i = 0; i < sketches.Length; i++)
            {
                sketches[i] = TemplateSketch.Read(r.Take(TemplateSketch.ByteLength));
            }

            var ips = new KeyValuePair<string, int>[r.Count(minBytesEach: 2) ?? 0];
            for (var i = 0; i < ips.Length; i++)
            {
                ips[i] = KeyValuePair.Create(r.String()!, r.Int());
            }

            var moreIps = Required(r.Strings());
            var prefixes = Required(r.Strings());
            var morePrefixes = Required(r.Strings());
            var clients = new KeyValuePair<ulong, int>[r.Count(minBytesEach: 9) ?? 0];
            for (var i = 0; i < clients.Length; i++)
            {
                clients[i] = KeyValuePair.Create(r.Fixed(), r.Int());
            }

            var bandKeys = r.Byte() switch
            {
                0 => CountBandKeys(sketches),
                1 => ReadBandKeys(ref r, payload.Length),
                _ => throw new InvalidDataException("A stored analyzer state has damaged band keys."),
            };
            var activity = Required(r.Keys());
            var firstUse = new KeyValuePair<string, DateTimeOffset>[r.Count(minBytesEach: 11) ?? 0];
            for (var i = 0; i < firstUse.Length; i++)
            {
                firstUse[i] = KeyValuePair.Create(r.String()!, r.Date() ?? throw new InvalidDataException("A stored first use has no date."));
            }

            if (!r.AtEnd)
            {
                throw new InvalidDataException("A stored analyzer state has bytes after its last field.");
            }

            return new AccountAnalyzerState
            {
                Profile = new AccountProfileState
                {
                    Hours = hours, Days = days, WindowAll = windowAll, WindowModel = windowModel, Traits = traits,
                    Ips = ips.Select(pair => pair.Key).Concat(moreIps).ToArray(), Prefixes = prefixes.Concat(morePrefixes).ToArray(),
                    Models = models, Sketches = sketches, First = firstAt, Last = lastAt, Requests = requests, InputTokens = input, OutputTokens = output,
                    Prompts = prompts, ToolUse = tools, Gaps = gaps, GapMean = gapMean, GapM2 = gapM2, HoneypotHits = honeypot,
                },
                Ips = ips, Prefixes = prefixes, Clients = clients, BandKeys = bandKeys, Activity = activity, FirstUse = firstUse,
            };
        }
        catch (Exception ex) when (ex is ArgumentException or DecoderFallbackException or OverflowException)
        {
            throw new InvalidDataException("A stored analyzer state is damaged.", ex);
        }
    }

    /// <summary>The band-key counts as the analyzer keeps them, when every prompt's sketch is at hand.</summary>
    private static KeyValuePair<ulong, int>[] CountBandKeys(TemplateSketch[] sketches)
    {
        var counts = new Dictionary<ulong, int>();
        foreach (var sketch in sketches)
        {
            for (var band = 0; band < Bands && !sketch.IsEmpty; band++)
            {
                var key = TemplateConcentration.BandKey(band, sketch.Band(band));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts.ToArray();
    }

    private static KeyValuePair<ulong, int>[] ReadBandKeys(ref AnalysisCodec.Reader r, int payloadLength)
    {
        var count = r.Unsigned();
        if (count > (ulong)payloadLength / 2)
        {
            throw new InvalidDataException("A stored analyzer state has a damaged list.");
        }

        var keys = new KeyValuePair<ulong, int>[count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = KeyValuePair.Create(r.Unsigned(), r.Int());
        }

        return keys;
    }

    private static T[] Required<T>(T[]? values) => values ?? throw new InvalidDataException("A stored analyzer state lacks a list.");
}

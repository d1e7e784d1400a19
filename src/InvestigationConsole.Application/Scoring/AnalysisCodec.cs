using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Scoring;

/// <summary>
/// An <see cref="AccountAnalysis"/> as stored between runs: a hand-written binary form (about 1–2 KB) that an incremental
/// run decodes for every unchanged account. Four header bytes ("ICA" and <see cref="Format"/>), the XxHash3 of the rest (8
/// bytes, so damaged bytes are never decoded into other values), then every field in a fixed order: integers as variable-length numbers, doubles as their 8 bits, dates as clock ticks and offset minutes, strings
/// as UTF-8 with their length (0 = null), lists with their count (0 = null). Not compressed: Brotli saved a third of
/// the bytes but cost more to undo than reading them (docs/performance.md, session 5).
/// </summary>
public static class AnalysisCodec
{
    /// <summary>The layout's version. Part of <see cref="DetectionPopulation.Basis"/>, so rows of another layout are re-read, never decoded.</summary>
    public const byte Format = 1;

    private const int HeaderLength = 4;
    private const int ChecksumLength = 8;
    private const int Slots = 32;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [ThreadStatic]
    private static byte[]? _buffer;

    /// <summary>Whether <paramref name="data"/> starts with this layout's header (stored analyses of older layouts do not).</summary>
    public static bool IsCurrent(ReadOnlySpan<byte> data) =>
        data.Length >= HeaderLength && data[0] == (byte)'I' && data[1] == (byte)'C' && data[2] == (byte)'A' && data[3] == Format;

    public static byte[] Encode(AccountAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var writer = new Writer(_buffer ??= new byte[16 * 1024]);
        writer.Byte((byte)'I');
        writer.Byte((byte)'C');
        writer.Byte((byte)'A');
        writer.Byte(Format);
        writer.Fixed(0);
        WriteProfile(ref writer, analysis.Profile);
        WriteLinkFacts(ref writer, analysis.LinkFacts);
        if (writer.Buffer.Length <= 1024 * 1024)
        {
            _buffer = writer.Buffer;
        }

        var encoded = writer.Buffer.AsSpan(0, writer.Position).ToArray();
        BinaryPrimitives.WriteUInt64LittleEndian(encoded.AsSpan(HeaderLength), XxHash3.HashToUInt64(encoded.AsSpan(HeaderLength + ChecksumLength)));
        return encoded;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> for bytes of another layout, cut short, too long or damaged.</summary>
    public static AccountAnalysis Decode(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!IsCurrent(data))
        {
            throw new InvalidDataException($"A stored analysis is not in layout {Format} (an older layout, or damaged).");
        }

        if (data.Length < HeaderLength + ChecksumLength)
        {
            throw new InvalidDataException("A stored analysis is cut short.");
        }

        var payload = data.AsSpan(HeaderLength + ChecksumLength);
        if (BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(HeaderLength)) != XxHash3.HashToUInt64(payload))
        {
            throw new InvalidDataException("A stored analysis is damaged (its checksum does not match).");
        }

        try
        {
            var reader = new Reader(payload);
            var profile = ReadProfile(ref reader);
            var links = ReadLinkFacts(ref reader);
            if (!reader.AtEnd)
            {
                throw new InvalidDataException("A stored analysis has bytes after its last field.");
            }

            return new AccountAnalysis(profile, links);
        }
        catch (Exception ex) when (ex is ArgumentException or DecoderFallbackException or OverflowException)
        {
            throw new InvalidDataException("A stored analysis is damaged.", ex);
        }
    }

    private static void WriteProfile(ref Writer w, AccountProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        w.String(p.AccountId);
        w.Signed((int)p.Tier);
        w.Signed((int)p.Verification);
        w.String(p.EmailDomain);
        w.Byte((byte)((p.IsDisposableDomain ? 1 : 0) | (p.IsRareDomain ? 2 : 0)));
        w.Date(p.CreatedAt);
        w.Date(p.FirstRequestAt);
        w.Date(p.LastRequestAt);
        w.Signed(p.RequestCount);
        w.Signed(p.InputTokens);
        w.Signed(p.OutputTokens);
        w.Longs(p.HourOfDayCounts);
        w.Longs(p.DailyCounts);
        w.Signed(p.InterArrival.Gaps);
        w.Double(p.InterArrival.MeanSeconds);
        w.Double(p.InterArrival.CoefficientOfVariation);
        w.Signed(p.PromptCount);
        if (p.TraitCounts is null)
        {
            w.Byte(0);
        }
        else
        {
            // A mask of the non-zero slots, then their counts: most of the 32 are zero.
            w.Byte(1);
            uint mask = 0;
            for (var bit = 0; bit < Slots; bit++)
            {
                mask |= p.TraitCounts[(PromptTraits)(1u << bit)] != 0 ? 1u << bit : 0;
            }

            w.Unsigned(mask);
            for (var bit = 0; bit < Slots; bit++)
            {
                if ((mask & (1u << bit)) != 0)
                {
                    w.Signed(p.TraitCounts[(PromptTraits)(1u << bit)]);
                }
            }
        }

        w.Double(p.TemplateConcentration);
        w.Signed(p.ToolUseRequests);
        w.Signed(p.DistinctIps);
        w.Signed(p.DistinctPrefixes);
        if (w.Count(p.Models) is { } models)
        {
            foreach (var m in models)
            {
                w.String(m.Model);
                w.Date(m.FirstUseAt);
                w.Signed(m.Requests);
            }
        }

        if (w.Count(p.ReleaseWindows) is { } windows)
        {
            foreach (var r in windows)
            {
                w.String(r.Model);
                w.Signed(r.ModelRequests);
                w.Signed(r.AllRequests);
            }
        }

        w.Signed(p.HoneypotHits);
    }

    private static AccountProfile ReadProfile(ref Reader r)
    {
        var accountId = r.String() ?? throw new InvalidDataException("A stored analysis has no account id.");
        var tier = (AccountTier)r.Int();
        var verification = (VerificationLevel)r.Int();
        var emailDomain = r.String();
        var domainFlags = r.Byte();
        if (domainFlags > 3)
        {
            throw new InvalidDataException("A stored analysis has unknown domain flags.");
        }

        var createdAt = r.Date();
        var firstRequestAt = r.Date();
        var lastRequestAt = r.Date();
        var requestCount = r.Signed();
        var inputTokens = r.Signed();
        var outputTokens = r.Signed();
        var hours = r.Longs();
        var daily = r.Longs();
        var interArrival = new InterArrivalStats(r.Signed(), r.Double(), r.Double());
        var promptCount = r.Signed();
        PromptTraitCounts? traits = null;
        switch (r.Byte())
        {
            case 0:
                break;
            case 1:
                traits = new PromptTraitCounts();
                var mask = (uint)r.Unsigned();
                for (var bit = 0; bit < Slots; bit++)
                {
                    if ((mask & (1u << bit)) != 0)
                    {
                        traits.Set((PromptTraits)(1u << bit), r.Signed());
                    }
                }

                break;
            default:
                throw new InvalidDataException("A stored analysis has damaged trait counts.");
        }

        var templateConcentration = r.Double();
        var toolUse = r.Signed();
        var distinctIps = r.Int();
        var distinctPrefixes = r.Int();
        ModelUse[]? models = null;
        if (r.Count(minBytesEach: 11) is { } modelCount)
        {
            models = new ModelUse[modelCount];
            for (var i = 0; i < models.Length; i++)
            {
                models[i] = new ModelUse(r.String()!, r.Date() ?? throw new InvalidDataException("A stored model use has no date."), r.Signed());
            }
        }

        ReleaseWindowTraffic[]? windows = null;
        if (r.Count(minBytesEach: 3) is { } windowCount)
        {
            windows = new ReleaseWindowTraffic[windowCount];
            for (var i = 0; i < windows.Length; i++)
            {
                windows[i] = new ReleaseWindowTraffic(r.String()!, r.Signed(), r.Signed());
            }
        }

        return new AccountProfile
        {
            AccountId = accountId,
            Tier = tier,
            Verification = verification,
            EmailDomain = emailDomain,
            IsDisposableDomain = (domainFlags & 1) != 0,
            IsRareDomain = (domainFlags & 2) != 0,
            CreatedAt = createdAt,
            FirstRequestAt = firstRequestAt,
            LastRequestAt = lastRequestAt,
            RequestCount = requestCount,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            HourOfDayCounts = hours!,
            DailyCounts = daily!,
            InterArrival = interArrival,
            PromptCount = promptCount,
            TraitCounts = traits!,
            TemplateConcentration = templateConcentration,
            ToolUseRequests = toolUse,
            DistinctIps = distinctIps,
            DistinctPrefixes = distinctPrefixes,
            Models = models!,
            ReleaseWindows = windows!,
            HoneypotHits = r.Int(),
        };
    }

    private static void WriteLinkFacts(ref Writer w, AccountLinkFacts f)
    {
        ArgumentNullException.ThrowIfNull(f);
        w.Signed(f.Account);
        w.String(f.AccountId);
        w.String(f.OrgId);
        w.String(f.EmailDomain);
        w.String(f.PaymentFingerprint);
        w.String(f.SignupIp);
        w.String(f.SignupPrefix);
        w.Byte(f.StrongIdentity ? (byte)1 : (byte)0);
        w.Date(f.CreatedAt);
        w.String(f.ApiBehaviourFingerprint);
        w.Date(f.PivotAt);
        w.Strings(f.Ips);
        w.Strings(f.Prefixes);
        w.Keys(f.TemplateKeys);
        w.Keys(f.ActivityKeys);
    }

    private static AccountLinkFacts ReadLinkFacts(ref Reader r)
    {
        var account = r.Int();
        var accountId = r.String() ?? throw new InvalidDataException("A stored analysis has no account id.");
        var orgId = r.String();
        var emailDomain = r.String();
        var payment = r.String();
        var signupIp = r.String();
        var signupPrefix = r.String();
        var strong = r.Byte() switch
        {
            0 => false,
            1 => true,
            _ => throw new InvalidDataException("A stored analysis has a damaged identity flag."),
        };
        return new AccountLinkFacts
        {
            Account = account,
            AccountId = accountId,
            OrgId = orgId,
            EmailDomain = emailDomain,
            PaymentFingerprint = payment,
            SignupIp = signupIp,
            SignupPrefix = signupPrefix,
            StrongIdentity = strong,
            CreatedAt = r.Date(),
            ApiBehaviourFingerprint = r.String(),
            PivotAt = r.Date(),
            Ips = r.Strings()!,
            Prefixes = r.Strings()!,
            TemplateKeys = r.Keys()!,
            ActivityKeys = r.Keys()!,
        };
    }

    internal struct Writer(byte[] buffer)
    {
        public byte[] Buffer = buffer;
        public int Position;

        public void Byte(byte value)
        {
            Room(1);
            Buffer[Position++] = value;
        }

        public void Unsigned(ulong value)
        {
            Room(10);
            while (value >= 0x80)
            {
                Buffer[Position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            Buffer[Position++] = (byte)value;
        }

        /// <summary>Zig-zag, so small negative numbers stay short.</summary>
        public void Signed(long value) => Unsigned((ulong)((value << 1) ^ (value >> 63)));

        public void Double(double value)
        {
            Room(8);
            BinaryPrimitives.WriteInt64LittleEndian(Buffer.AsSpan(Position), BitConverter.DoubleToInt64Bits(value));
            Position += 8;
        }

        /// <summary>The next <paramref name="bytes"/> bytes of the buffer, for the caller to fill.</summary>
        public Span<byte> Take(int bytes)
        {
            Room(bytes);
            Position += bytes;
            return Buffer.AsSpan(Position - bytes, bytes);
        }

        public void Fixed(ulong value)
        {
            Room(8);
            BinaryPrimitives.WriteUInt64LittleEndian(Buffer.AsSpan(Position), value);
            Position += 8;
        }

        /// <summary>0 for none; else 1 and the clock ticks and offset minutes, so the offset round-trips too.</summary>
        public void Date(DateTimeOffset? value)
        {
            if (value is not { } at)
            {
                Byte(0);
                return;
            }

            Byte(1);
            Fixed((ulong)at.Ticks);
            Signed((long)at.Offset.TotalMinutes);
        }

        public void String(string? value)
        {
            if (value is null)
            {
                Unsigned(0);
                return;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            Unsigned((ulong)length + 1);
            Room(length);
            Position += Encoding.UTF8.GetBytes(value, Buffer.AsSpan(Position));
        }

        /// <summary>Writes the list's count (0 for null) and returns the list to write its items, or null.</summary>
        public IReadOnlyList<T>? Count<T>(IReadOnlyList<T>? list)
        {
            Unsigned(list is null ? 0 : (ulong)list.Count + 1);
            return list;
        }

        public void Longs(IReadOnlyList<long>? values)
        {
            if (Count(values) is { } list)
            {
                foreach (var v in list)
                {
                    Signed(v);
                }
            }
        }

        public void Keys(IReadOnlyList<ulong>? values)
        {
            if (Count(values) is { } list)
            {
                foreach (var v in list)
                {
                    Fixed(v);
                }
            }
        }

        public void Strings(IReadOnlyList<string>? values)
        {
            if (Count(values) is { } list)
            {
                foreach (var v in list)
                {
                    String(v);
                }
            }
        }

        private void Room(int bytes)
        {
            if (Position + bytes > Buffer.Length)
            {
                Array.Resize(ref Buffer, Math.Max(Buffer.Length * 2, Position + bytes));
            }
        }
    }

    /// <summary>Every read checks the bytes left, so damaged data throws instead of reading past the end or allocating wildly.</summary>
    internal ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _position;

        public readonly bool AtEnd => _position == _data.Length;

        public byte Byte()
        {
            Need(1);
            return _data[_position++];
        }

        public ulong Unsigned()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Byte();
                if (shift == 63 && b > 1)
                {
                    break;
                }

                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("A stored analysis has a damaged number.");
        }

        public long Signed()
        {
            var raw = Unsigned();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        public int Int() => checked((int)Signed());

        public double Double() => BitConverter.Int64BitsToDouble((long)Fixed());

        public ReadOnlySpan<byte> Take(int bytes)
        {
            Need(bytes);
            _position += bytes;
            return _data.Slice(_position - bytes, bytes);
        }

        public ulong Fixed()
        {
            Need(8);
            var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_position..]);
            _position += 8;
            return value;
        }

        public DateTimeOffset? Date() => Byte() switch
        {
            0 => null,
            1 => new DateTimeOffset((long)Fixed(), TimeSpan.FromMinutes(Signed())),
            _ => throw new InvalidDataException("A stored analysis has a damaged date."),
        };

        public string? String()
        {
            var length = Unsigned();
            if (length == 0)
            {
                return null;
            }

            var bytes = checked((int)(length - 1));
            Need(bytes);
            var text = bytes == 0 ? "" : Strict.GetString(_data.Slice(_position, bytes));
            _position += bytes;
            return text;
        }

        /// <summary>A list's count, or null; a count that the bytes left cannot hold is damage.</summary>
        public int? Count(int minBytesEach)
        {
            var count = Unsigned();
            if (count == 0)
            {
                return null;
            }

            if (count - 1 > (ulong)((_data.Length - _position) / minBytesEach))
            {
                throw new InvalidDataException("A stored analysis has a damaged list.");
            }

            return (int)(count - 1);
        }

        public long[]? Longs()
        {
            if (Count(minBytesEach: 1) is not { } count)
            {
                return null;
            }

            var values = new long[count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Signed();
            }

            return values;
        }

        public ulong[]? Keys()
        {
            if (Count(minBytesEach: 8) is not { } count)
            {
                return null;
            }

            var values = new ulong[count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Fixed();
            }

            return values;
        }

        public string[]? Strings()
        {
            if (Count(minBytesEach: 1) is not { } count)
            {
                return null;
            }

            var values = new string[count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = String() ?? throw new InvalidDataException("A stored analysis has a missing address.");
            }

            return values;
        }

        private readonly void Need(int bytes)
        {
            if (bytes < 0 || _data.Length - _position < bytes)
            {
                throw new InvalidDataException("A stored analysis is cut short.");
            }
        }
    }
}

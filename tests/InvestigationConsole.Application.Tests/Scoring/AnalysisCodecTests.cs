using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using InvestigationConsole.Application.Evaluation;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Tests.Simulation;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Tests.Scoring;

public sealed class AnalysisCodecTests(SmallScenario scenario) : IClassFixture<SmallScenario>
{
    /// <summary>
    /// Every settable public property by reflection (so a property added later is compared too), doubles as their bits;
    /// computed ones (ActiveDays, Share) are left out.
    /// </summary>
    private static readonly JsonSerializerOptions Exact = new()
    {
        Converters = { new DoubleBits(), new TraitSlots() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers = { info => RemoveComputed(info) },
        },
    };

    [Fact]
    public void Decode_EveryAnalysisOfAGeneratedScenario_GivesItBackExactly()
    {
        var export = ExportReader.Read(scenario.Folder);
        var analyses = ExportEvaluation.Analyze(export, ModelReleases.Infer(export.FirstSeenByModel, export.DataStart), DetectionSettings.Default);

        Assert.NotEmpty(analyses);
        Assert.Contains(analyses, a => a.LinkFacts.PivotAt is not null || a.Profile.Models.Count > 1);
        Assert.All(analyses, AssertRoundTrips);
    }

    [Fact]
    public void Decode_RandomAnalyses_GivesThemBackExactly()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 2000; i++)
        {
            AssertRoundTrips(RandomAnalysis(random));
        }
    }

    [Fact]
    public void Decode_NullsEmptiesAndExtremes_GivesThemBackExactly()
    {
        AssertRoundTrips(new AccountAnalysis(
            new AccountProfile { AccountId = "", HourOfDayCounts = null!, DailyCounts = null!, TraitCounts = null!, Models = null!, ReleaseWindows = null! },
            new AccountLinkFacts { Account = 0, AccountId = "", Ips = null!, Prefixes = null!, TemplateKeys = null!, ActivityKeys = null! }));
        AssertRoundTrips(new AccountAnalysis(
            new AccountProfile
            {
                AccountId = "acct_ü_😀", EmailDomain = "", RequestCount = long.MaxValue, InputTokens = long.MinValue, OutputTokens = -1,
                CreatedAt = DateTimeOffset.MinValue, FirstRequestAt = DateTimeOffset.MaxValue,
                LastRequestAt = new DateTimeOffset(2026, 11, 29, 23, 59, 59, TimeSpan.FromMinutes(-14 * 60)).AddTicks(1),
                InterArrival = new InterArrivalStats(long.MinValue, double.NaN, double.NegativeInfinity),
                TemplateConcentration = -0.0, DailyCounts = [], HourOfDayCounts = [long.MaxValue, long.MinValue, 0],
                Models = [new ModelUse("", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(330)), long.MinValue)],
                ReleaseWindows = [new ReleaseWindowTraffic("m", 0, 0)], DistinctIps = int.MinValue, HoneypotHits = int.MaxValue,
            },
            new AccountLinkFacts
            {
                Account = int.MaxValue, AccountId = "x", OrgId = "", Ips = [""], Prefixes = [], TemplateKeys = [0], ActivityKeys = [ulong.MaxValue],
                PivotAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.FromHours(14)),
            }));
        var traits = new PromptTraitCounts();
        traits.Set(unchecked((PromptTraits)(1u << 31)), long.MaxValue);
        traits.Set((PromptTraits)1, -1);
        AssertRoundTrips(new AccountAnalysis(new AccountProfile { AccountId = "t", TraitCounts = traits, TemplateConcentration = double.Epsilon },
            new AccountLinkFacts { Account = -1, AccountId = "t" }));
    }

    [Fact]
    public void Decode_AnalysisLargerThanTheEncodeBuffer_GivesItBack()
    {
        var analysis = new AccountAnalysis(
            new AccountProfile { AccountId = "acct_1", DailyCounts = Enumerable.Range(0, 5000).Select(d => (long)d * 1_000_003).ToArray() },
            new AccountLinkFacts
            {
                Account = 0, AccountId = "acct_1", Ips = Enumerable.Range(0, 20_000).Select(i => $"10.{i / 65536}.{i / 256 % 256}.{i % 256}").ToArray(),
            });

        AssertRoundTrips(analysis);
        Assert.Equal(20_000, AnalysisCodec.Decode(AnalysisCodec.Encode(analysis)).LinkFacts.Ips.Count);
    }

    [Fact]
    public void Decode_EveryShortenedLengthenedOrChangedEncoding_Throws()
    {
        var encoded = AnalysisCodec.Encode(RandomAnalysis(new Random(7)));

        for (var length = 0; length < encoded.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => AnalysisCodec.Decode(encoded[..length]));
        }

        Assert.Throws<InvalidDataException>(() => AnalysisCodec.Decode([.. encoded, 0]));
        for (var i = 0; i < encoded.Length; i++)
        {
            var damaged = encoded.ToArray();
            damaged[i] ^= 0x10;
            Assert.Throws<InvalidDataException>(() => AnalysisCodec.Decode(damaged));
        }
    }

    [Fact]
    public void Decode_AnalysisStoredInTheOlderJsonLayout_IsRecognisedAndRefused()
    {
        // Layout 0: the analysis as JSON, Brotli-compressed, as stored before layout 1.
        var analysis = RandomAnalysis(new Random(11));
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest))
        {
            brotli.Write(JsonSerializer.SerializeToUtf8Bytes(analysis, new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        }

        var old = output.ToArray();

        Assert.False(AnalysisCodec.IsCurrent(old));
        Assert.Throws<InvalidDataException>(() => AnalysisCodec.Decode(old));
        Assert.True(AnalysisCodec.IsCurrent(AnalysisCodec.Encode(analysis)));
    }

    private static void AssertRoundTrips(AccountAnalysis analysis)
    {
        var encoded = AnalysisCodec.Encode(analysis);

        var decoded = AnalysisCodec.Decode(encoded);

        Assert.Equal(JsonSerializer.Serialize(analysis, Exact), JsonSerializer.Serialize(decoded, Exact));
        Assert.Equal(encoded, AnalysisCodec.Encode(decoded));
        Assert.Equal(Offsets(analysis), Offsets(decoded));
    }

    /// <summary>JSON shows a date's offset, but this says so outright for every date.</summary>
    private static string Offsets(AccountAnalysis a) => string.Join(',', new[]
    {
        a.Profile.CreatedAt, a.Profile.FirstRequestAt, a.Profile.LastRequestAt, a.LinkFacts.CreatedAt, a.LinkFacts.PivotAt,
    }.Concat((a.Profile.Models ?? []).Select(m => (DateTimeOffset?)m.FirstUseAt)).Select(d => d is { } at ? $"{at.Ticks}{at.Offset}" : "-"));

    private static AccountAnalysis RandomAnalysis(Random random)
    {
        string? Text(int max) => random.Next(6) == 0 ? null : new string(Enumerable.Range(0, random.Next(max)).Select(_ => (char)random.Next(32, 0x3000)).ToArray());
        long Count() => random.Next(4) switch { 0 => 0, 1 => random.Next(100), 2 => random.NextInt64(), _ => -random.NextInt64() };
        double Real() => random.Next(8) switch { 0 => double.NaN, 1 => -0.0, 2 => double.PositiveInfinity, _ => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) ? d : random.NextDouble() };
        DateTimeOffset Date() => new(random.NextInt64(DateTimeOffset.MinValue.Ticks + TimeSpan.TicksPerDay, DateTimeOffset.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60 + 1)));
        DateTimeOffset? Maybe() => random.Next(3) == 0 ? null : Date();
        T[] Many<T>(int max, Func<T> item) => Enumerable.Range(0, random.Next(max)).Select(_ => item()).ToArray();

        var traits = new PromptTraitCounts();
        foreach (var bit in Many(8, () => random.Next(32)))
        {
            traits.Set((PromptTraits)(1u << bit), Count());
        }

        var profile = new AccountProfile
        {
            AccountId = Text(30) ?? "acct",
            Tier = (AccountTier)random.Next(6),
            Verification = (VerificationLevel)random.Next(4),
            EmailDomain = Text(20),
            IsDisposableDomain = random.Next(2) == 0,
            IsRareDomain = random.Next(2) == 0,
            CreatedAt = Maybe(),
            FirstRequestAt = Maybe(),
            LastRequestAt = Maybe(),
            RequestCount = Count(),
            InputTokens = Count(),
            OutputTokens = Count(),
            HourOfDayCounts = Many(25, Count),
            DailyCounts = Many(60, Count),
            InterArrival = new InterArrivalStats(Count(), Real(), Real()),
            PromptCount = Count(),
            TraitCounts = traits,
            TemplateConcentration = Real(),
            ToolUseRequests = Count(),
            DistinctIps = random.Next(int.MinValue, int.MaxValue),
            DistinctPrefixes = random.Next(300),
            Models = Many(5, () => new ModelUse(Text(12) ?? "", Date(), Count())),
            ReleaseWindows = Many(3, () => new ReleaseWindowTraffic(Text(12) ?? "", Count(), Count())),
            HoneypotHits = random.Next(3),
        };
        var links = new AccountLinkFacts
        {
            Account = random.Next(),
            AccountId = profile.AccountId,
            OrgId = Text(10),
            EmailDomain = profile.EmailDomain,
            PaymentFingerprint = Text(16),
            SignupIp = Text(15),
            SignupPrefix = Text(18),
            StrongIdentity = random.Next(2) == 0,
            CreatedAt = Maybe(),
            ApiBehaviourFingerprint = Text(16),
            PivotAt = Maybe(),
            Ips = Many(40, () => Text(39) ?? ""),
            Prefixes = Many(20, () => Text(20) ?? ""),
            TemplateKeys = Many(20, () => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40)),
            ActivityKeys = Many(96, () => (ulong)random.NextInt64() << 1),
        };
        return new AccountAnalysis(profile, links);
    }

    private static void RemoveComputed(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.Set is null).ToList())
        {
            info.Properties.Remove(property);
        }
    }

    private sealed class DoubleBits : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(BitConverter.DoubleToInt64Bits(value));
    }

    private sealed class TraitSlots : JsonConverter<PromptTraitCounts>
    {
        public override PromptTraitCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

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

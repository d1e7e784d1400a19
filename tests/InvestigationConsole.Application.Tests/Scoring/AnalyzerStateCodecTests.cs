using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Tests.Scoring;

public sealed class AnalyzerStateCodecTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelRelease[] Releases = [new("m-new", T0.AddDays(1))];
    private static readonly AccountRegistryFacts Facts = new(new AccountIdentity("acct", AccountTier.Free, VerificationLevel.Email, "example.com", T0, false, false));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 30)]
    [InlineData(3, 1500)]
    [InlineData(4, 5200)]
    public void Decode_StateOfARandomPass_ResumesToTheSameAnalysisAndEncodesAlike(int seed, int count)
    {
        var random = new Random(seed);
        var requests = Requests(random, count + 200);
        var analyzer = new AccountAnalyzer(Releases);
        analyzer.Begin(3, Facts);
        requests.Take(count).ToList().ForEach(r => analyzer.Add(r));
        analyzer.End();
        var encoded = AnalyzerStateCodec.Encode(analyzer.Capture());

        var decoded = AnalyzerStateCodec.Decode(encoded);
        var resumed = new AccountAnalyzer(Releases);
        resumed.Resume(3, Facts, decoded);
        requests.Skip(count).ToList().ForEach(r => resumed.Add(r));
        var whole = new AccountAnalyzer(Releases);
        whole.Begin(3, Facts);
        requests.ForEach(r => whole.Add(r));

        Assert.Equal(encoded, AnalyzerStateCodec.Encode(decoded));
        Assert.Equal(AnalysisCodec.Encode(whole.End()), AnalysisCodec.Encode(resumed.End()));
    }

    [Fact]
    public void Decode_DamagedOrCutShortOrOtherLayout_Throws()
    {
        var analyzer = new AccountAnalyzer(Releases);
        analyzer.Begin(0, Facts);
        Requests(new Random(9), 300).ForEach(r => analyzer.Add(r));
        analyzer.End();
        var encoded = AnalyzerStateCodec.Encode(analyzer.Capture());
        var random = new Random(11);

        for (var i = 0; i < 200; i++)
        {
            var damaged = (byte[])encoded.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)random.Next(1, 256);
            Assert.Throws<InvalidDataException>(() => AnalyzerStateCodec.Decode(damaged));
        }

        Assert.Throws<InvalidDataException>(() => AnalyzerStateCodec.Decode(encoded[..^1]));
        Assert.Throws<InvalidDataException>(() => AnalyzerStateCodec.Decode(encoded[..10]));
        Assert.Throws<InvalidDataException>(() => AnalyzerStateCodec.Decode(AnalysisCodec.Encode(analyzer.End())));
    }

    /// <summary>Requests in time order: repeated times, many addresses, templated and free prompts (past the sketch reservoir), models.</summary>
    private static List<RequestObservation> Requests(Random random, int count)
    {
        var list = new List<RequestObservation>(count);
        var at = T0;
        for (var i = 0; i < count; i++)
        {
            at = at.AddSeconds(random.Next(3) == 0 ? 0 : random.Next(1, 200));
            var ip = $"10.{random.Next(3)}.{random.Next(random.Next(2) == 0 ? 4 : 200)}.{random.Next(250)}";
            var prompt = random.Next(2) == 0 ? $"summarise the report for the {random.Next(30)} team in five bullet points" : $"w{random.Next(99999)} w{random.Next(99999)} q";
            var hasPrompt = random.Next(8) != 0;
            list.Add(new RequestObservation(at, random.Next(1, 900), random.Next(1, 900), (PromptTraits)(uint)random.Next(1 << 10),
                hasPrompt ? TemplateSketch.Compute(prompt) : TemplateSketch.Empty, random.Next(3) == 0 ? 1 : 0, ip, ip[..ip.LastIndexOf('.')] + ".0/24",
                random.Next(3) == 0 ? "m-new" : "m-old", random.Next(100) == 0, hasPrompt, random.Next(2) == 0 ? "sdk/1" : null, "/v1/chat"));
        }

        return list;
    }
}

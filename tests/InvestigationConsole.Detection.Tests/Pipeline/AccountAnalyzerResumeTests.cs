using System.Text.Json;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Tests.Pipeline;

public sealed class AccountAnalyzerResumeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ModelRelease[] Releases = [new("m-new", T0.AddDays(2)), new("m-newer", T0.AddDays(5))];
    private static readonly AccountRegistryFacts Facts = new(new AccountIdentity("acct", AccountTier.Free, VerificationLevel.Email, "example.com", T0, false, false));

    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 900)]
    [InlineData(3, 6000)]
    [InlineData(4, 9000)]
    public void Resume_CapturedAtRandomPoints_EndsAsOnePassOverAllRequests(int seed, int count)
    {
        var random = new Random(seed);
        var requests = Requests(random, count);
        var settings = DetectionSettings.Default with { SynchronySample = 24 };
        var whole = Analyse(settings, requests);

        for (var trial = 0; trial < 4; trial++)
        {
            // Two or three cuts, each part resumed from the state the previous one left; a cut may fall between equal times.
            var cuts = Enumerable.Range(0, random.Next(1, 3)).Select(_ => random.Next(0, count + 1)).Order().Append(count).ToArray();
            var analyzer = new AccountAnalyzer(Releases, settings);
            analyzer.Begin(7, Facts);
            var from = 0;
            AccountAnalysis? analysis = null;
            foreach (var cut in cuts)
            {
                for (var i = from; i < cut; i++)
                {
                    analyzer.Add(requests[i]);
                }

                analysis = analyzer.End();
                var state = analyzer.Capture();

                // Another analyzer in between, as a pass over other accounts would leave it.
                analyzer = new AccountAnalyzer(Releases, settings);
                analyzer.Begin(1, Facts);
                analyzer.Add(requests[0]);
                analyzer.End();
                analyzer.Resume(7, Facts, state);
                from = cut;
            }

            Assert.Equal(Describe(whole), Describe(analysis!));
            Assert.Equal(Describe(whole), Describe(analyzer.End()));
        }
    }

    [Fact]
    public void Capture_BeforeEnd_Throws()
    {
        var analyzer = new AccountAnalyzer(Releases);
        analyzer.Begin(0, Facts);
        Assert.Throws<InvalidOperationException>(() => analyzer.Capture());
    }

    [Fact]
    public void Capture_ManyActivityKeys_KeepsOnlyTheBottomK()
    {
        var requests = Requests(new Random(5), 3000);
        var analyzer = new AccountAnalyzer(Releases, DetectionSettings.Default with { SynchronySample = 16 });
        analyzer.Begin(0, Facts);
        foreach (var request in requests)
        {
            analyzer.Add(request);
        }

        var analysis = analyzer.End();

        Assert.Equal(analysis.LinkFacts.ActivityKeys, analyzer.Capture().Activity);
    }

    private static AccountAnalysis Analyse(DetectionSettings settings, IReadOnlyList<RequestObservation> requests)
    {
        var analyzer = new AccountAnalyzer(Releases, settings);
        analyzer.Begin(7, Facts);
        foreach (var request in requests)
        {
            analyzer.Add(request);
        }

        return analyzer.End();
    }

    /// <summary>Requests in time order with repeated times, runs of addresses past the caps, templated and free prompts, tools, models and honeypots.</summary>
    private static List<RequestObservation> Requests(Random random, int count)
    {
        var ips = Enumerable.Range(0, 700).Select(i => $"10.{i % 5}.{i / 3}.{i % 250}").ToArray();
        var models = new[] { "m-old", "m-new", "m-newer", "m-side" };
        var agents = new[] { "sdk/1", "sdk/2", "curl/8", null };
        var templates = new[] { "summarise the quarterly report for the {0} team in five bullet points", "translate this {0} sentence into formal french please" };
        var list = new List<RequestObservation>(count);
        var at = T0;
        var ip = ips[0];
        for (var i = 0; i < count; i++)
        {
            at = at.AddSeconds(random.Next(4) == 0 ? 0 : random.Next(1, random.Next(3) == 0 ? 4000 : 120));
            if (random.Next(4) == 0)
            {
                // Another instance of the same text now and then, as separate reads would give.
                ip = random.Next(3) == 0 ? new string(ips[random.Next(ips.Length)].ToCharArray()) : ips[random.Next(random.Next(2) == 0 ? 20 : ips.Length)];
            }

            var hasPrompt = random.Next(10) != 0;
            var prompt = random.Next(3) switch
            {
                0 => string.Format(System.Globalization.CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], random.Next(50)),
                1 => $"word{random.Next(100_000)} word{random.Next(100_000)} word{random.Next(100_000)} question {random.Next(9)}",
                _ => "",
            };
            var traits = (PromptTraits)(uint)random.Next(1 << 12) & ~PromptTraits.HoneypotCanary;
            var honeypot = random.Next(200) == 0;
            list.Add(new RequestObservation(
                at, random.Next(10, 4000), random.Next(10, 9000), honeypot ? traits | PromptTraits.HoneypotCanary : traits,
                hasPrompt ? TemplateSketch.Compute(prompt) : TemplateSketch.Empty, random.Next(4) == 0 ? random.Next(1, 4) : 0,
                ip, ip[..ip.LastIndexOf('.')] + ".0/24", models[random.Next(random.Next(2) == 0 ? 1 : models.Length)], honeypot, hasPrompt,
                agents[random.Next(agents.Length)], random.Next(2) == 0 ? "/v1/chat" : "/v1/complete"));
        }

        return list;
    }

    /// <summary>Every field of the analysis as text (doubles round-trip exactly).</summary>
    private static string Describe(AccountAnalysis analysis) =>
        JsonSerializer.Serialize(analysis.Profile) + string.Join(",", analysis.Profile.TraitCounts.ToSlots()) + JsonSerializer.Serialize(analysis.LinkFacts);
}

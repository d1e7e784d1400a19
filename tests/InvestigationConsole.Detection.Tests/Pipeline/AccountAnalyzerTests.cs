using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Tests.Pipeline;

public sealed class AccountAnalyzerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void End_RunsOfAddressesPastTheCap_KeepsTheFirstAddressesCountedOneByOne()
    {
        var random = new Random(23);
        var pool = Enumerable.Range(0, 400).Select(i => $"10.{i / 200}.{i % 200}.1").ToArray();
        var requests = new List<RequestObservation>();
        var at = T0;
        while (requests.Count < 3000)
        {
            // Runs of one address, some as another string instance with the same text.
            var ip = pool[random.Next(random.Next(2) == 0 ? 40 : pool.Length)];
            var instance = random.Next(3) == 0 ? new string(ip.ToCharArray()) : ip;
            for (var k = random.Next(1, 6); k > 0; k--)
            {
                at = at.AddSeconds(random.Next(1, 90));
                requests.Add(new RequestObservation(at, 10, 20, PromptTraits.None, TemplateSketch.Empty, 0, instance, instance[..instance.LastIndexOf('.')] + ".0/24", "m", false));
            }
        }

        var analyzer = new AccountAnalyzer([]);
        var identity = new AccountIdentity("acct", AccountTier.Free, VerificationLevel.Email, "example.com", T0, false, false);
        for (var pass = 0; pass < 2; pass++)
        {
            analyzer.Begin(0, new AccountRegistryFacts(identity));
            foreach (var request in requests)
            {
                analyzer.Add(request);
            }

            var analysis = analyzer.End();

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var request in requests)
            {
                if (counts.Count < 256 || counts.ContainsKey(request.Ip))
                {
                    counts[request.Ip] = counts.GetValueOrDefault(request.Ip) + 1;
                }
            }

            var expected = counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key).ToArray();
            Assert.Equal(expected, analysis.LinkFacts.Ips);
            Assert.Equal(requests.Select(r => r.Ip).Distinct().Count(), analysis.Profile.DistinctIps);
            Assert.Equal(requests.Select(r => r.IpPrefix).Distinct().Count(), analysis.Profile.DistinctPrefixes);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(700)]
    [InlineData(4096)]
    [InlineData(5200)]
    public void End_TemplateConcentration_EqualsTheProfileBuilderAlone(int prompts)
    {
        // The analyzer hands its band key counts to the builder, which uses them while it holds every prompt's sketch.
        var random = new Random(prompts);
        var requests = Enumerable.Range(0, prompts + 50).Select(i =>
        {
            var sketch = random.Next(6) == 0 ? TemplateSketch.Empty : TemplateSketch.Compute($"solve problem {random.Next(Math.Max(1, prompts / 8))} step by step {random.Next(3)}");
            return new RequestObservation(T0.AddSeconds(i * 7), 10, 20, PromptTraits.None, sketch, 0, "10.0.0.1", "10.0.0.0/24", "m", false, HasPrompt: i < prompts);
        }).ToList();
        var identity = new AccountIdentity("acct", AccountTier.Free, VerificationLevel.Email, "example.com", T0, false, false);

        var analyzer = new AccountAnalyzer([]);
        analyzer.Begin(0, new AccountRegistryFacts(identity));
        var builder = new AccountProfileBuilder([], DetectionSettings.Default.Scoring);
        builder.Begin(identity);
        foreach (var request in requests)
        {
            analyzer.Add(request);
            builder.Add(request);
        }

        var expected = builder.Build().TemplateConcentration;
        var analysis = analyzer.End();
        Assert.Equal(expected, analysis.Profile.TemplateConcentration);
        Assert.True(prompts < 100 || expected > 0, "the prompts repeat templates, so some are concentrated");

        var settings = DetectionSettings.Default;
        var keys = requests.Where(r => r.HasPrompt && !r.Sketch.IsEmpty)
            .SelectMany(r => Enumerable.Range(0, MinHash.Bands).Select(band => TemplateConcentration.BandKey(band, r.Sketch.Band(band))))
            .GroupBy(key => key).Where(group => group.Count() >= settings.TemplateKeyMinPrompts)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key).Take(settings.TemplateKeysPerAccount).Select(group => group.Key);
        Assert.Equal(keys, analysis.LinkFacts.TemplateKeys);
        Assert.True(prompts < 100 || analysis.LinkFacts.TemplateKeys.Count > 0);
    }
}

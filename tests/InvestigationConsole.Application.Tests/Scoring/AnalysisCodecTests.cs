using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Tests.Scoring;

public sealed class AnalysisCodecTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(20_000)]
    public void Decode_EncodedAnalysis_GivesItBack(int addresses)
    {
        // 20,000 addresses make the JSON larger than the decoder's first buffer, which must grow.
        var analysis = new AccountAnalysis(
            new AccountProfile { AccountId = "acct_1", RequestCount = 42, DailyCounts = [1, 0, 41], TemplateConcentration = 0.25 },
            new AccountLinkFacts
            {
                Account = 0, AccountId = "acct_1", PaymentFingerprint = "pf_1",
                Ips = Enumerable.Range(0, addresses).Select(i => $"10.{i / 65536}.{i / 256 % 256}.{i % 256}").ToArray(), ActivityKeys = [1UL, ulong.MaxValue],
            });
        var encoded = AnalysisCodec.Encode(analysis);

        var decoded = AnalysisCodec.Decode(encoded);

        Assert.Equal(encoded, AnalysisCodec.Encode(decoded));
        Assert.Equal(addresses, decoded.LinkFacts.Ips.Count);
        Assert.Equal([1L, 0, 41], decoded.Profile.DailyCounts);
    }

    [Fact]
    public void Decode_DamagedBytes_Throws()
    {
        Assert.ThrowsAny<Exception>(() => AnalysisCodec.Decode([1, 2, 3, 4, 5]));
    }
}

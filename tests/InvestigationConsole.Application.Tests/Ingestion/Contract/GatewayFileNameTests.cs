using InvestigationConsole.Application.Ingestion.Contract;

namespace InvestigationConsole.Application.Tests.Ingestion.Contract;

public sealed class GatewayFileNameTests
{
    [Theory]
    [InlineData("accounts.jsonl", GatewayStream.Accounts)]
    [InlineData("accounts-2026-02-01.jsonl", GatewayStream.Accounts)]
    [InlineData("accounts_full.jsonl.gz", GatewayStream.Accounts)]
    [InlineData("requests.jsonl", GatewayStream.Requests)]
    [InlineData("requests-2026-02-01T08.jsonl.gz", GatewayStream.Requests)]
    [InlineData("/data/drop/requests-part-0001.jsonl", GatewayStream.Requests)]
    public void FileName_ContractName_NamesItsStream(string fileName, GatewayStream expected)
    {
        Assert.True(GatewayFileName.TryGetStream(fileName, out var stream));
        Assert.Equal(expected, stream);
    }

    [Theory]
    [InlineData("Accounts.jsonl")]
    [InlineData("REQUESTS.jsonl")]
    [InlineData("requests.JSONL")]
    [InlineData("requests.jsonl.GZ")]
    [InlineData("requests.json")]
    [InlineData("requests.jsonl.zip")]
    [InlineData("requests.jsonl.tmp")]
    [InlineData("users.jsonl")]
    [InlineData("old-requests.jsonl")]
    [InlineData("requests/other.jsonl")]
    [InlineData("")]
    public void FileName_OutsideTheContract_IsNotRecognised(string fileName)
    {
        Assert.False(GatewayFileName.TryGetStream(fileName, out _));
    }

    [Theory]
    [InlineData("requests.jsonl.gz", true)]
    [InlineData("/x/accounts-1.jsonl.gz", true)]
    [InlineData("requests.jsonl", false)]
    [InlineData("requests.jsonl.GZ", false)]
    public void FileName_GzipSuffix_IsGzip(string fileName, bool expected)
    {
        Assert.Equal(expected, GatewayFileName.IsGzip(fileName));
    }
}

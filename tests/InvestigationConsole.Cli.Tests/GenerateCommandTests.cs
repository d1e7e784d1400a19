using System.Globalization;
using System.Text.Json;

namespace InvestigationConsole.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly CliProcess _cli = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ic-cli-tests", "generate-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task Generate_HydraOnlyGzip_WritesCompressedExportAndSummary()
    {
        var (exit, output, error) = await _cli.RunAsync(null, "generate", "--scenario", "hydra-only", "--seed", "3", "--out", _folder, "--gzip", "--end", "2026-03-01");

        Assert.True(exit == 0, error);
        var names = Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["accounts.jsonl.gz", .. Enumerable.Range(22, 7).Select(d => $"requests-2026-02-{d}.jsonl.gz"), "truth.json"], names);
        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "truth.json")));
        Assert.Equal("hydra-only", truth.RootElement.GetProperty("scenario").GetString());
        var requests = truth.RootElement.GetProperty("benign_kinds").EnumerateArray().Concat(truth.RootElement.GetProperty("campaigns").EnumerateArray())
            .Sum(c => c.GetProperty("requests").GetInt64());
        Assert.Contains(requests.ToString("N0", CultureInfo.InvariantCulture) + " (", output, StringComparison.Ordinal);
        Assert.Contains("2026-02-22 to 2026-02-28", output, StringComparison.Ordinal);
        Assert.Contains("requests/s", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--scenario", "huge", "'seed'")]
    [InlineData("--end", "01/03/2026", "YYYY-MM-DD")]
    public async Task Generate_BadOption_IsAUsageErrorNamingWhatIsAllowed(string option, string value, string expected)
    {
        var (exit, _, error) = await _cli.RunAsync(null, "generate", "--out", _folder, option, value);

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder));
    }

    public void Dispose()
    {
        _cli.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

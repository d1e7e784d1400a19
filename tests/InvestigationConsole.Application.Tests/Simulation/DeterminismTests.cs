using System.IO.Compression;
using System.Security.Cryptography;
using InvestigationConsole.Application.Simulation;

namespace InvestigationConsole.Application.Tests.Simulation;

public sealed class DeterminismTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ic-sim-determinism-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Generate_SameSeedTwice_WritesByteIdenticalFiles()
    {
        var first = await FingerprintAsync(ScenarioNames.Small, 5, "a");
        var second = await FingerprintAsync(ScenarioNames.Small, 5, "b");

        Assert.Equal(first, second);
        Assert.Equal(9, first.Count);
    }

    [Fact]
    public async Task Generate_DifferentSeeds_WriteDifferentFiles()
    {
        var first = await FingerprintAsync(ScenarioNames.Small, 5, "a");
        var second = await FingerprintAsync(ScenarioNames.Small, 6, "b");

        Assert.Equal(first.Keys, second.Keys);
        Assert.All(first.Keys, file => Assert.NotEqual(first[file], second[file]));
    }

    [Fact]
    public async Task Generate_Gzip_CompressesTheSameLines()
    {
        var plain = await FingerprintAsync(ScenarioNames.HydraOnly, 3, "plain");
        var folder = Path.Combine(_root, "gzip");
        await new ScenarioGenerator().GenerateAsync(Options(ScenarioNames.HydraOnly, 3, folder) with { Gzip = true });

        var gzipped = Directory.GetFiles(folder, "*.jsonl.gz");
        Assert.Equal(plain.Count - 1, gzipped.Length);
        foreach (var file in gzipped)
        {
            await using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            Assert.Equal(plain[Path.GetFileName(file)[..^3]], Convert.ToHexString(await SHA256.HashDataAsync(input)));
        }
    }

    private async Task<Dictionary<string, string>> FingerprintAsync(string scenario, int seed, string name)
    {
        var folder = Path.Combine(_root, name);
        await new ScenarioGenerator().GenerateAsync(Options(scenario, seed, folder));
        return Directory.GetFiles(folder).ToDictionary(file => Path.GetFileName(file), file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));
    }

    private static ScenarioOptions Options(string scenario, int seed, string folder) =>
        new() { ScenarioName = scenario, Seed = seed, OutputDirectory = folder, End = GeneratedScenario.End };
}

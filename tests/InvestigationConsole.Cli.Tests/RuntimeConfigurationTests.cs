using System.Text.Json;

namespace InvestigationConsole.Cli.Tests;

public sealed class RuntimeConfigurationTests
{
    [Fact]
    public void Cli_RunsOnServerGc_AsTheWebApp_WithTheLargeObjectHeapCompacted()
    {
        // The runtime configuration the built CLI starts with (the tests run the same file, see CliProcess).
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "investigation-console.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}

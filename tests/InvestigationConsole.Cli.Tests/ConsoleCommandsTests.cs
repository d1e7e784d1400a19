namespace InvestigationConsole.Cli.Tests;

public sealed class ConsoleCommandsTests : IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task Help_AtRoot_ListsEveryCommand()
    {
        var (exit, output, _) = await _cli.RunAsync(null, "--help");

        Assert.Equal(0, exit);
        Assert.Matches("(?m)^\\s+ingest <path>", output);
        Assert.Matches("(?m)^\\s+generate\\s", output);
        Assert.Matches("(?m)^\\s+users\\s", output);
    }

    [Theory]
    [InlineData("ingest", "--json")]
    [InlineData("generate", "--bad-lines")]
    public async Task Help_OfCommand_ListsItsOptions(string command, string option)
    {
        var (exit, output, _) = await _cli.RunAsync(null, command, "--help");

        Assert.Equal(0, exit);
        Assert.Contains(option, output, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}

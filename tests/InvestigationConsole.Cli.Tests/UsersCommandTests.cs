namespace InvestigationConsole.Cli.Tests;

public sealed class UsersCommandTests : IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task UsersAdd_WithoutPassword_PrintsGeneratedPasswordOnceAndLists()
    {
        var (exit, output, error) = await _cli.RunAsync(null, "users", "add", "root@corp.example", "--role", "admin");

        Assert.True(exit == 0, error);
        Assert.Contains("Created root@corp.example with role Admin.", output, StringComparison.Ordinal);
        Assert.Matches("Generated password \\(shown once, store it now\\): \\S{20}", output);

        var (listExit, list, _) = await _cli.RunAsync(null, "users", "list");
        Assert.Equal(0, listExit);
        Assert.Contains("root@corp.example", list, StringComparison.Ordinal);
        Assert.Contains("Admin", list, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.DataFolder, "investigation-console.db")), "the CLI migrates a fresh SQLite database");
    }

    [Fact]
    public async Task UsersAdd_PasswordFromStdin_UsesItAndPrintsNoPassword()
    {
        var (exit, output, error) = await _cli.RunAsync("Chosen-Pass-42", "users", "add", "ops@corp.example", "--role", "Compliance", "--password-stdin");

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("Generated password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Chosen-Pass-42", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weak", "Passwords must be at least")]
    [InlineData("", "standard input had no password")]
    public async Task UsersAdd_BadPasswordFromStdin_FailsWithMessage(string password, string expected)
    {
        var (exit, _, error) = await _cli.RunAsync(password, "users", "add", "weak@corp.example", "--role", "Manager", "--password-stdin");

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_UnknownRole_FailsWithListOfRoles()
    {
        var (exit, _, error) = await _cli.RunAsync(null, "users", "add", "x@corp.example", "--role", "Janitor");

        Assert.Equal(1, exit);
        Assert.Contains("Investigator, Manager, Compliance, Admin", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_MissingRole_IsAUsageError()
    {
        var (exit, _, error) = await _cli.RunAsync(null, "users", "add", "x@corp.example");

        Assert.NotEqual(0, exit);
        Assert.Contains("--role", error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}

using System.Text.Json;

namespace InvestigationConsole.Cli.Tests;

/// <summary>
/// A <c>small</c> scenario with injected bad lines, written once per test class by the CLI's own <c>generate</c>
/// command, and what its truth.json says the files hold.
/// </summary>
public sealed class GeneratedExport : IAsyncLifetime
{
    public const string DuplicateReason = "duplicate request_id";

    private readonly CliProcess _cli = new();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ic-cli-tests", "export-" + Guid.NewGuid().ToString("n"));

    /// <summary>Accounts in accounts.jsonl (those that signed up after the export only appear in traffic).</summary>
    public int RegistryAccounts { get; private set; }

    /// <summary>Accounts exported a second time, changed, at the end of accounts.jsonl.</summary>
    public int RegistryUpdates { get; private set; }

    /// <summary>Distinct exchanges over every requests file: what the cohorts sent.</summary>
    public long Requests { get; private set; }

    public IReadOnlyList<(string File, string Reason)> BadLines { get; private set; } = [];

    public IEnumerable<string> ExportFiles => Directory.EnumerateFiles(Folder, "*.jsonl");

    public int RejectedIn(string streamPrefix) =>
        BadLines.Count(b => b.File.StartsWith(streamPrefix, StringComparison.Ordinal) && !b.Reason.StartsWith(DuplicateReason, StringComparison.Ordinal));

    public int DuplicateRequestLines => BadLines.Count(b => b.Reason.StartsWith(DuplicateReason, StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        var (exit, output, error) = await _cli.RunAsync(null, "generate", "--scenario", "small", "--seed", "7", "--out", Folder, "--bad-lines", "--end", "2026-03-01");
        Assert.True(exit == 0, output + error);

        using var truth = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Folder, "truth.json")));
        var root = truth.RootElement;
        RegistryAccounts = root.GetProperty("accounts").EnumerateObject().Count() - root.GetProperty("unregistered_accounts").GetArrayLength();
        RegistryUpdates = root.GetProperty("registry_updates").GetArrayLength();
        Requests = root.GetProperty("benign_kinds").EnumerateArray().Concat(root.GetProperty("campaigns").EnumerateArray())
            .Sum(cohort => cohort.GetProperty("requests").GetInt64());
        BadLines = root.GetProperty("bad_lines").EnumerateArray()
            .Select(b => (b.GetProperty("file").GetString()!, b.GetProperty("reason").GetString()!))
            .ToList();
    }

    public Task DisposeAsync()
    {
        _cli.Dispose();
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

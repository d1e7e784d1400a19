using System.Text.Json;
using System.Text.RegularExpressions;

namespace InvestigationConsole.Cli.Tests;

public sealed class IngestCommandTests(GeneratedExport export) : IClassFixture<GeneratedExport>, IDisposable
{
    private readonly CliProcess _cli = new();
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "ic-cli-tests", "scratch-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task IngestJson_GeneratedScenario_TotalsEqualWhatTheFilesHold()
    {
        var (exit, output, error) = await _cli.RunAsync(null, "ingest", "--json", export.Folder);

        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(output);
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(export.ExportFiles.Count(), files.Count);
        Assert.All(files, f => Assert.Equal("completed", f.GetProperty("status").GetString()));
        Assert.Equal("accounts", files[0].GetProperty("stream").GetString());

        var accounts = report.RootElement.GetProperty("totals").GetProperty("accounts");
        Assert.Equal(export.RegistryAccounts, accounts.GetProperty("accepted").GetInt64());
        Assert.Equal(export.RegistryUpdates, accounts.GetProperty("duplicates").GetInt64());
        Assert.Equal(export.RejectedIn("accounts"), accounts.GetProperty("rejected").GetInt64());

        var requests = report.RootElement.GetProperty("totals").GetProperty("requests");
        Assert.Equal(export.Requests, requests.GetProperty("accepted").GetInt64());
        Assert.Equal(export.DuplicateRequestLines, requests.GetProperty("duplicates").GetInt64());
        Assert.Equal(export.RejectedIn("requests"), requests.GetProperty("rejected").GetInt64());
        Assert.Equal(export.Requests, ConsoleDatabase.Scalar(_cli.DataFolder, """SELECT count(*) FROM "Requests" """));
    }

    [Fact]
    public async Task Ingest_SameFilesAgain_ReportsAlreadyIngestedAndChangesNothing()
    {
        var accounts = Path.Combine(export.Folder, "accounts.jsonl");
        var requests = Path.Combine(export.Folder, "requests-2026-02-22.jsonl");
        var (firstExit, _, firstError) = await _cli.RunAsync(null, "ingest", "--json", accounts, requests);
        Assert.True(firstExit == 0, firstError);
        var before = ConsoleDatabase.Digest(_cli.DataFolder);

        var (exit, output, error) = await _cli.RunAsync(null, "ingest", "--json", requests, accounts);

        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(output);
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["accounts.jsonl", "requests-2026-02-22.jsonl"], files.Select(f => f.GetProperty("name").GetString()));
        Assert.All(files, f =>
        {
            Assert.Equal("already-ingested", f.GetProperty("status").GetString());
            Assert.Equal(0, f.GetProperty("accepted").GetInt64() + f.GetProperty("duplicates").GetInt64() + f.GetProperty("rejected").GetInt64());
        });
        Assert.Equal(before, ConsoleDatabase.Digest(_cli.DataFolder));
    }

    [Fact]
    public async Task Ingest_FolderWithNonExportFile_NamesItAndFailsButIngestsTheRest()
    {
        Directory.CreateDirectory(_scratch);
        File.Copy(Path.Combine(export.Folder, "accounts.jsonl"), Path.Combine(_scratch, "accounts.jsonl"));
        File.WriteAllText(Path.Combine(_scratch, "requests-notes.txt"), "not an export\n");
        File.WriteAllText(Path.Combine(_scratch, "README.md"), "ignored: not named like a stream\n");

        var (exit, output, error) = await _cli.RunAsync(null, "ingest", "--json", _scratch);

        Assert.NotEqual(0, exit);
        var message = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("requests-notes.txt: not an export file.", message, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(output);
        var statuses = report.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["requests-notes.txt"] = "unreadable", ["accounts.jsonl"] = "completed" }, statuses);
    }

    [Fact]
    public async Task Ingest_MissingPaths_PrintsOneLineEachAndFails()
    {
        var missingFile = Path.Combine(_scratch, "requests-2026-01-01.jsonl");
        var missingFolder = Path.Combine(_scratch, "no-such-folder");

        var (exit, output, error) = await _cli.RunAsync(null, "ingest", missingFile, missingFolder);

        Assert.Equal(1, exit);
        Assert.Equal([$"{missingFile}: does not exist.", $"{missingFolder}: does not exist."], error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unreadable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_WithoutJson_PrintsSummaryTable()
    {
        var (exit, output, error) = await _cli.RunAsync(null, "ingest", Path.Combine(export.Folder, "accounts.jsonl"));

        Assert.True(exit == 0, error);
        Assert.Contains("accounts.jsonl", output, StringComparison.Ordinal);
        Assert.Matches($"completed\\s*│\\s*{export.RegistryAccounts}\\s*│\\s*{export.RegistryUpdates}\\s*│\\s*{export.RejectedIn("accounts")}", output);
    }

    [Fact]
    public async Task Ingest_In80Columns_TheSummaryTableFitsAndNoStatusOrFigureWraps()
    {
        _cli.Settings["COLUMNS"] = "80";

        var (exit, output, error) = await _cli.RunAsync(null, "ingest", export.Folder);

        Assert.True(exit == 0, error);
        var rows = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains('│')).ToList();
        Assert.All(rows, row => Assert.InRange(row.Length, 1, 80));
        // One line per file and per total: a wrapped status or count would leave a row without it.
        var files = Directory.GetFiles(export.Folder, "*.jsonl").Length;
        Assert.Equal(files, rows.Count(row => Regex.IsMatch(row, @"│ completed\s*│\s*[\d,]+\s*│\s*[\d,]+\s*│\s*[\d,]+\s*│$")));
        Assert.Single(rows, row => Regex.IsMatch(row, @"^│ total accounts\s*│\s*│\s*[\d,]+\s*│\s*[\d,]+\s*│\s*[\d,]+\s*│$"));
        Assert.Single(rows, row => Regex.IsMatch(row, @"^│ total requests\s*│\s*│\s*[\d,]+\s*│\s*[\d,]+\s*│\s*[\d,]+\s*│$"));
    }

    [Fact]
    public async Task Ingest_NoPath_IsAUsageError()
    {
        var (exit, _, error) = await _cli.RunAsync(null, "ingest");

        Assert.NotEqual(0, exit);
        Assert.Contains("Required argument missing for command: 'ingest'", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cli.Dispose();
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }
}

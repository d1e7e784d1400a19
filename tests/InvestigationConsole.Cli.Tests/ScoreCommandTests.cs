using System.Text.Json;

namespace InvestigationConsole.Cli.Tests;

/// <summary>score, export accounts and evaluate over the generated small scenario, ingested once by the CLI itself.</summary>
public sealed class ScoreCommandTests(GeneratedExport export) : IClassFixture<GeneratedExport>, IDisposable
{
    private readonly CliProcess _cli = new();

    [Fact]
    public async Task ScoreExportEvaluate_AfterIngest_OneRowPerAccountAndMetricsFromTruth()
    {
        await RunOkAsync("ingest", "--json", export.Folder);

        using var full = JsonDocument.Parse(await RunOkAsync("score", "--json"));
        using var incremental = JsonDocument.Parse(await RunOkAsync("score", "--incremental", "--json"));
        var accounts = ConsoleDatabase.Scalar(_cli.DataFolder, """SELECT count(*) FROM "Accounts" """);
        Assert.Equal(accounts, full.RootElement.GetProperty("accounts").GetInt64());
        Assert.Equal(accounts, full.RootElement.GetProperty("accountsAnalysed").GetInt64());
        Assert.Equal(export.Requests, full.RootElement.GetProperty("requestsRead").GetInt64());
        Assert.Equal((0, 0), (incremental.RootElement.GetProperty("accountsAnalysed").GetInt32(), incremental.RootElement.GetProperty("scoreChanges").GetInt32()));
        // Seconds and counts are apart: the states a run stored are a count, not a phase.
        Assert.True(full.RootElement.GetProperty("counts").GetProperty("statesStored").GetInt64() >= 0);
        Assert.DoesNotContain(full.RootElement.GetProperty("phaseSeconds").EnumerateObject(), phase => phase.Name == "statesStored");
        Assert.Contains(full.RootElement.GetProperty("phaseSeconds").EnumerateObject(), phase => phase.Name == "read");

        var jsonl = Path.Combine(_cli.DataFolder, "accounts.jsonl");
        var csv = Path.Combine(_cli.DataFolder, "accounts.csv");
        await RunOkAsync("export", "accounts", "--format", "jsonl", "--out", jsonl);
        await RunOkAsync("export", "accounts", "--format", "csv", "--out", csv);
        var rows = File.ReadAllLines(jsonl).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(accounts, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.GetProperty("account_id").GetString()).Distinct().Count());
        Assert.All(rows, r => Assert.Equal(["account_id", "risk_score", "flagged", "cluster_id", "top_signals"], r.EnumerateObject().Select(p => p.Name)));
        Assert.Contains(rows, r => r.GetProperty("cluster_id").ValueKind == JsonValueKind.Null);
        Assert.Contains(rows, r => r.GetProperty("cluster_id").ValueKind == JsonValueKind.String);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("account_id,risk_score,flagged,cluster_id,top_signals", lines[0]);
        Assert.Equal(accounts, lines.Length - 1);
        Assert.Contains(lines, line => line.Split(',')[4].Contains(';', StringComparison.Ordinal));

        using var metrics = JsonDocument.Parse(await RunOkAsync("evaluate", "--truth", Path.Combine(export.Folder, "truth.json"), "--json"));
        var root = metrics.RootElement;
        Assert.Equal(0, root.GetProperty("missingFromDatabase").GetInt32());
        Assert.InRange(root.GetProperty("rocAuc").GetDouble(), 0.5, 1.0);
        Assert.InRange(root.GetProperty("adjustedRandIndex").GetDouble(), -1.0, 1.0);
        Assert.InRange(root.GetProperty("precision").GetDouble(), 0.0, 1.0);
        Assert.NotEmpty(root.GetProperty("falseFlagsByKind").EnumerateArray());
    }

    [Fact]
    public async Task Evaluate_TruthFileMissing_FailsWithMessage()
    {
        var (exit, _, error) = await _cli.RunAsync(null, "evaluate", "--truth", Path.Combine(_cli.DataFolder, "nope.json"));

        Assert.Equal(1, exit);
        Assert.Contains("Cannot read", error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    private async Task<string> RunOkAsync(params string[] args)
    {
        var (exit, output, error) = await _cli.RunAsync(null, args);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: {error}");
        return output;
    }
}

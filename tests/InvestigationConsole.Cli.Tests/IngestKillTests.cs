using System.Text.Json;
using Xunit.Abstractions;

namespace InvestigationConsole.Cli.Tests;

/// <summary>
/// Exactly-once under SIGKILL: a file ingested by processes killed at random points, then run to the end, must leave the
/// database exactly as one clean run does. Small batches make the kills land between many checkpoints.
/// </summary>
public sealed class IngestKillTests : IClassFixture<GeneratedExport>, IDisposable
{
    private const int Kills = 3;

    private readonly GeneratedExport _export;
    private readonly ITestOutputHelper _output;
    private readonly CliProcess _clean = new();
    private readonly CliProcess _killed = new();

    public IngestKillTests(GeneratedExport export, ITestOutputHelper output)
    {
        _export = export;
        _output = output;
        _clean.Settings["Ingest__BatchSize"] = "500";
        _killed.Settings["Ingest__BatchSize"] = "500";
    }

    [Fact]
    public async Task Ingest_KilledAtRandomPointsThenRunAgain_EndsExactlyLikeOneCleanRun()
    {
        var file = _export.ExportFiles.Where(f => Path.GetFileName(f).StartsWith("requests", StringComparison.Ordinal)).MaxBy(f => new FileInfo(f).Length)!;
        var name = Path.GetFileName(file);
        var lines = File.ReadLines(file).LongCount();
        var clean = await _clean.RunAsync(null, "ingest", "--json", file);
        Assert.True(clean.ExitCode == 0, clean.Error);

        // Start-up takes longer than ingesting a small file, so a kill is timed by the ledger rather than the clock: each run
        // is killed a random few milliseconds after its checkpoint passes a random line in the first half of what is left.
        var random = new Random(20261128);
        var kills = new List<long>();
        var exits = new List<string>();
        for (var k = 0; k < Kills; k++)
        {
            var before = kills.LastOrDefault();
            if (lines - before < 2)
            {
                // The last kill landed after the file's last batch (while its rollups were being written): nothing left to cut.
                break;
            }

            var target = before + random.Next(1, (int)(lines - before) / 2);
            using var process = _killed.Start("ingest", "--json", file);
            var drained = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            while ((ConsoleDatabase.Checkpoint(_killed.DataFolder, name) ?? 0) < target && !process.HasExited)
            {
                await Task.Delay(5);
            }

            await Task.Delay(random.Next(0, 40));
            if (process.HasExited)
            {
                exits.Add($"run {k + 1} exited by itself with {process.ExitCode}: {(await drained)[1]}");
                break;
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await drained;
            kills.Add(ConsoleDatabase.Checkpoint(_killed.DataFolder, name) ?? 0);
        }

        _output.WriteLine($"{name}: {lines} lines, killed at checkpoints {string.Join(", ", kills)}");
        Assert.True(kills.Exists(checkpoint => checkpoint > 0 && checkpoint < lines), $"no kill landed mid-file: checkpoints {string.Join(", ", kills)} of {lines} lines; {string.Join("; ", exits)}");
        var resumed = await _killed.RunAsync(null, "ingest", "--json", file);
        Assert.True(resumed.ExitCode == 0, resumed.Error);

        // The last killed run may have finished the file itself; then this run finds it already ingested.
        Assert.Contains(Counts(resumed.Output).Status, new[] { "completed", "already-ingested" });
        var (_, accepted, duplicates, rejected) = Counts(clean.Output);
        Assert.Equal(
            $"{accepted} {duplicates} {rejected}",
            ConsoleDatabase.Text(_killed.DataFolder, """SELECT "Accepted" || ' ' || "Duplicates" || ' ' || "Rejected" FROM "IngestFiles" """));
        var requests = ConsoleDatabase.Scalar(_killed.DataFolder, """SELECT count(*) FROM "Requests" """);
        Assert.Equal(accepted, requests);
        Assert.Equal(requests, ConsoleDatabase.Scalar(_killed.DataFolder,
            """SELECT (SELECT total("Requests") FROM "AccountActivityHours") + (SELECT total("Requests") FROM "AccountActivityHoursRecent")"""));
        Assert.Equal(ConsoleDatabase.Digest(_clean.DataFolder), ConsoleDatabase.Digest(_killed.DataFolder));
    }

    private static (string? Status, long Accepted, long Duplicates, long Rejected) Counts(string json)
    {
        using var report = JsonDocument.Parse(json);
        var file = report.RootElement.GetProperty("files")[0];
        return (file.GetProperty("status").GetString(), file.GetProperty("accepted").GetInt64(),
            file.GetProperty("duplicates").GetInt64(), file.GetProperty("rejected").GetInt64());
    }

    public void Dispose()
    {
        _clean.Dispose();
        _killed.Dispose();
    }
}

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
    private const int Attempts = 3;
    private const string BatchSize = "100";

    private readonly GeneratedExport _export;
    private readonly ITestOutputHelper _output;
    private readonly CliProcess _clean = new();
    private readonly List<CliProcess> _attempts = [];

    public IngestKillTests(GeneratedExport export, ITestOutputHelper output)
    {
        _export = export;
        _output = output;
        _clean.Settings["Ingest__BatchSize"] = BatchSize;
    }

    [Fact]
    public async Task Ingest_KilledAtRandomPointsThenRunAgain_EndsExactlyLikeOneCleanRun()
    {
        var file = _export.ExportFiles.Where(f => Path.GetFileName(f).StartsWith("requests", StringComparison.Ordinal)).MaxBy(f => new FileInfo(f).Length)!;
        var name = Path.GetFileName(file);
        var lines = File.ReadLines(file).LongCount();
        var clean = await _clean.RunAsync(null, "ingest", "--json", file);
        Assert.True(clean.ExitCode == 0, clean.Error);

        // A fast machine can finish the rest of a small file between a checkpoint and the kill. An attempt whose kills all
        // missed the file's middle proves nothing, so it starts over on a fresh database, a bounded number of times.
        var random = new Random(20261128);
        CliProcess killed = null!;
        var kills = new List<long>();
        var tried = new List<string>();
        bool LandedMidFile() => kills.Exists(checkpoint => checkpoint > 0 && checkpoint < lines);
        for (var attempt = 0; attempt < Attempts && !LandedMidFile(); attempt++)
        {
            killed = new CliProcess();
            killed.Settings["Ingest__BatchSize"] = BatchSize;
            _attempts.Add(killed);
            (kills, var exited) = await KillAtRandomPointsAsync(killed, file, name, lines, random);
            tried.Add($"attempt {attempt + 1}: killed at checkpoints {string.Join(", ", kills)}{exited}");
        }

        _output.WriteLine($"{name}: {lines} lines; {string.Join("; ", tried)}");
        Assert.True(LandedMidFile(), $"no kill landed mid-file ({lines} lines): {string.Join("; ", tried)}");
        var resumed = await killed.RunAsync(null, "ingest", "--json", file);
        Assert.True(resumed.ExitCode == 0, resumed.Error);

        // The last killed run may have finished the file itself; then this run finds it already ingested.
        Assert.Contains(Counts(resumed.Output).Status, new[] { "completed", "already-ingested" });
        var (_, accepted, duplicates, rejected) = Counts(clean.Output);
        Assert.Equal(
            $"{accepted} {duplicates} {rejected}",
            ConsoleDatabase.Text(killed.DataFolder, """SELECT "Accepted" || ' ' || "Duplicates" || ' ' || "Rejected" FROM "IngestFiles" """));
        var requests = ConsoleDatabase.Scalar(killed.DataFolder, """SELECT count(*) FROM "Requests" """);
        Assert.Equal(accepted, requests);
        Assert.Equal(requests, ConsoleDatabase.Scalar(killed.DataFolder,
            """SELECT (SELECT total("Requests") FROM "AccountActivityHours") + (SELECT total("Requests") FROM "AccountActivityHoursRecent")"""));
        Assert.Equal(ConsoleDatabase.Digest(_clean.DataFolder), ConsoleDatabase.Digest(killed.DataFolder));
    }

    /// <summary>
    /// Start-up takes longer than ingesting a small file, so a kill is timed by the ledger rather than the clock: each run is
    /// killed a random few milliseconds after its checkpoint passes a random line in the first half of what is left.
    /// Returns the checkpoint each kill left behind, and how a run ended that finished before its kill.
    /// </summary>
    private static async Task<(List<long> Kills, string Exited)> KillAtRandomPointsAsync(CliProcess cli, string file, string name, long lines, Random random)
    {
        var kills = new List<long>();
        for (var k = 0; k < Kills; k++)
        {
            var before = kills.LastOrDefault();
            if (lines - before < 2)
            {
                // The last kill landed after the file's last batch (while its rollups were being written): nothing left to cut.
                break;
            }

            var target = before + random.Next(1, (int)(lines - before) / 2);
            using var process = cli.Start("ingest", "--json", file);
            var drained = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            while ((ConsoleDatabase.Checkpoint(cli.DataFolder, name) ?? 0) < target && !process.HasExited)
            {
                await Task.Delay(2);
            }

            await Task.Delay(random.Next(0, 10));
            if (process.HasExited)
            {
                // It finished the file by itself (or failed): a later kill has nothing left to cut either.
                return (kills, $", then run {k + 1} exited by itself with {process.ExitCode}: {(await drained)[1]}");
            }

            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await drained;
            kills.Add(ConsoleDatabase.Checkpoint(cli.DataFolder, name) ?? 0);
        }

        return (kills, "");
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
        foreach (var attempt in _attempts)
        {
            attempt.Dispose();
        }
    }
}

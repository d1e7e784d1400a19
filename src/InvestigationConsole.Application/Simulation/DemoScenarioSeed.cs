using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// On the first start of a demo install, writes the demo scenario into the drop folder so that the real ingest jobs
/// load it: the console then shows data that went through the same path as production data.
/// </summary>
public sealed class DemoScenarioSeed(IConsoleDbContextFactory contexts, IngestFolders folders, IIngestJobQueue queue, TimeProvider clock, ILogger<DemoScenarioSeed> logger)
{
    public const int DemoSeed = 20260201;

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        await using (var db = contexts.Create())
        {
            if (await db.IngestFiles.AnyAsync(cancellationToken) || await db.Accounts.AnyAsync(cancellationToken))
            {
                return false;
            }
        }

        // Write beside the drop folder, then move in: the scan never sees a half-written file.
        var staging = Path.Combine(folders.Uploads, "demo-" + clock.GetUtcNow().ToUnixTimeSeconds());
        var end = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var summary = await new ScenarioGenerator().GenerateAsync(
            new ScenarioOptions { ScenarioName = ScenarioNames.Demo, Seed = DemoSeed, OutputDirectory = staging, End = end, InjectBadLines = true },
            progress: null,
            cancellationToken);
        Directory.CreateDirectory(folders.DropFolder);
        foreach (var file in Directory.EnumerateFiles(staging, "*.jsonl*"))
        {
            File.Move(file, Path.Combine(folders.DropFolder, Path.GetFileName(file)), overwrite: true);
        }

        var truth = Path.Combine(staging, "truth.json");
        if (File.Exists(truth))
        {
            File.Move(truth, Path.Combine(folders.Archive, "demo-truth.json"), overwrite: true);
        }

        Directory.Delete(staging, recursive: true);
        logger.LogInformation("Demo scenario written: {Accounts} accounts, {Requests} requests; ingesting", summary.Accounts, summary.Requests);
        queue.EnqueueScan();
        return true;
    }
}

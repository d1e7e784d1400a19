using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using InvestigationConsole.Application.Common;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// Picks up new export files from the drop folder: registers each in the ledger, moves it to the archive and
/// enqueues its ingest job; accounts files before requests files, one job after another.
/// </summary>
public sealed class DropFolderScan(
    IngestLedger ledger,
    IIngestJobQueue queue,
    IngestFolders folders,
    IConsoleDbContextFactory contexts,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    ILogger<DropFolderScan> logger)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folders.DropFolder);
        Directory.CreateDirectory(folders.Archive);
        var settled = clock.GetUtcNow().UtcDateTime.AddSeconds(-options.Value.SettleSeconds);
        var files = new DirectoryInfo(folders.DropFolder).EnumerateFiles()
            .Where(f => GatewayFileName.TryGetStream(f.Name, out _) && f.LastWriteTimeUtc <= settled)
            .Select(f => (File: f, Stream: GatewayFileName.TryGetStream(f.Name, out var s) ? s : default))
            .OrderBy(f => f.Stream).ThenBy(f => f.File.Name, StringComparer.Ordinal)
            .ToList();

        string? previousJob = null;
        var enqueued = 0;
        foreach (var (info, _) in files)
        {
            IngestFile file;
            bool known;
            try
            {
                (file, known) = await ledger.RegisterAsync(info.FullName, "drop-folder", cancellationToken);
            }
            catch (IngestInputException ex)
            {
                logger.LogWarning("Skipping {File}: {Reason}", info.Name, ex.Message);
                continue;
            }

            var archived = Path.Combine(folders.Archive, $"{file.Id:D6}-{info.Name}");
            if (known)
            {
                logger.LogInformation("{File} has the same content as ledger file {Id}; not ingested again", info.Name, file.Id);
                File.Move(info.FullName, Path.Combine(folders.Archive, $"duplicate-{clock.GetUtcNow():yyyyMMddHHmmss}-{info.Name}"), overwrite: true);
                continue;
            }

            File.Move(info.FullName, archived, overwrite: true);
            await using (var db = contexts.Create())
            {
                await db.IngestFiles.Where(f => f.Id == file.Id).ExecuteUpdateAsync(s => s.SetProperty(f => f.Path, archived), cancellationToken);
            }

            previousJob = queue.EnqueueFile(file.Id, previousJob);
            enqueued++;
        }

        return enqueued;
    }
}

using System.Buffers;
using System.Security.Cryptography;
using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Application.Ingestion.Queries;
using InvestigationConsole.Domain.Audit;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Web.Components.Pages.Ingestion;

public enum UploadResult
{
    /// <summary>Written to a part file; it enters the drop folder with the rest of its batch.</summary>
    Received,

    /// <summary>In the drop folder; the scan enqueued with it registers and ingests it.</summary>
    Queued,

    /// <summary>The ledger already holds these bytes; the file was dropped and will not be ingested again.</summary>
    AlreadyIngested,

    /// <summary>Not taken: the message says why.</summary>
    Refused,
}

public sealed record UploadOutcome(string FileName, long SizeBytes, UploadResult Result, string Message)
{
    public static UploadOutcome Refused(string fileName, long sizeBytes, string why) => new(fileName, sizeBytes, UploadResult.Refused, why);
}

/// <summary>
/// Takes export files uploaded on the Ingestion page into the drop folder. Ingesting them is then the drop-folder
/// scan's job, as for any dropped file. Files of one drop are received as a <see cref="UploadBatch"/>.
/// </summary>
public sealed class UploadIntake(
    IngestFolders folders,
    IngestHistory history,
    IServiceScopeFactory scopes,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    ILogger<UploadIntake> logger)
{
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024;

    internal IngestFolders Folders => folders;

    internal IngestHistory History => history;

    internal ILogger Logger => logger;

    /// <summary>Why a file cannot be taken, judged by name and declared size before a byte is read; null when it can.</summary>
    public static string? Refusal(string fileName, long sizeBytes)
    {
        if (fileName != Path.GetFileName(fileName) || !GatewayFileName.TryGetStream(fileName, out _))
        {
            return "Not an export file: names start with 'accounts' or 'requests' and end in .jsonl or .jsonl.gz.";
        }

        if (sizeBytes > MaxFileBytes)
        {
            return $"{IngestionFormat.Size(sizeBytes)} is over the {IngestionFormat.Size(MaxFileBytes)} upload limit; copy it into the drop folder instead.";
        }

        return sizeBytes == 0 ? "The file is empty." : null;
    }

    public UploadBatch Begin(string actor) => new(this, actor);

    /// <summary>Asks for a drop-folder scan now: uploads and dropped files are picked up without waiting for the minute.</summary>
    public async Task EnqueueScanAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIngestJobQueue>().EnqueueScan();
    }

    internal async Task AuditAsync(string actor, string fileName, string details, CancellationToken cancellationToken)
    {
        // The audit log writes through a scoped DbContext: one scope per entry, never the circuit's.
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsync(actor, AuditActions.IngestUploaded, "ingest-file", fileName, details, cancellationToken);
    }

    /// <summary>A complete file needs no settle time: backdated, the scan enqueued with it takes it at once instead of a minute later.</summary>
    internal void MarkSettled(string path) =>
        File.SetLastWriteTimeUtc(path, clock.GetUtcNow().UtcDateTime.AddSeconds(-options.Value.SettleSeconds - 1));

    internal static async Task<string> CopyAsync(Stream content, string path, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            long written = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written += read;
                progress?.Report(written);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    internal static long? FreeBytes(string folder)
    {
        try
        {
            return new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

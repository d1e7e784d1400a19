using System.Security.Cryptography;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>Registers export files in the ledger. The same bytes (by SHA-256) are registered once, whatever their name.</summary>
public sealed class IngestLedger(IConsoleDbContextFactory contexts, TimeProvider clock)
{
    public async Task<(IngestFile File, bool AlreadyKnown)> RegisterAsync(string path, string source, CancellationToken cancellationToken) =>
        await RegisterAsync(await IdentifyAsync(path, cancellationToken), source, cancellationToken);

    /// <summary>
    /// Reads a file through for its size and SHA-256 (about half a second for a day's export), without touching the
    /// database, so a caller can identify the next file while the one before it is ingested.
    /// </summary>
    /// <exception cref="IngestInputException">The name is not an export's, or the file cannot be read.</exception>
    public static async Task<ExportFileIdentity> IdentifyAsync(string path, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (!GatewayFileName.TryGetStream(name, out var stream))
        {
            throw new IngestInputException($"{name}: not an export file. Names start with 'accounts' or 'requests' and end in .jsonl or .jsonl.gz.");
        }

        try
        {
            await using var content = File.OpenRead(path);
            var size = content.Length;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
            return new ExportFileIdentity(Path.GetFullPath(path), name, stream, size, sha);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IngestInputException($"{name}: cannot be read ({ex.Message}).", ex);
        }
    }

    /// <summary>Registers an identified file, or returns the ledger row of the same bytes registered before.</summary>
    public async Task<(IngestFile File, bool AlreadyKnown)> RegisterAsync(ExportFileIdentity identity, string source, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        if (await db.IngestFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == identity.Sha256, cancellationToken) is { } known)
        {
            return (known, true);
        }

        var file = new IngestFile
        {
            FileName = identity.Name,
            Path = identity.FullPath,
            SizeBytes = identity.SizeBytes,
            Sha256 = identity.Sha256,
            Stream = identity.Stream == GatewayStream.Accounts ? GatewayStreamKind.Accounts : GatewayStreamKind.Requests,
            Status = IngestStatus.Queued,
            Source = source,
            QueuedAt = clock.GetUtcNow(),
        };
        db.IngestFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        return (file, false);
    }

    /// <summary>Files that were queued or running when the process stopped, oldest first, accounts before requests.</summary>
    public async Task<IReadOnlyList<long>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        return await db.IngestFiles.AsNoTracking()
            .Where(f => f.Status == IngestStatus.Queued || f.Status == IngestStatus.Running)
            .OrderBy(f => f.Stream).ThenBy(f => f.Id)
            .Select(f => f.Id)
            .ToListAsync(cancellationToken);
    }
}

/// <summary>An export file as the ledger knows it: where it is, its stream, and its bytes' size and SHA-256.</summary>
public sealed record ExportFileIdentity(string FullPath, string Name, GatewayStream Stream, long SizeBytes, string Sha256);

using System.Security.Cryptography;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>Registers export files in the ledger. The same bytes (by SHA-256) are registered once, whatever their name.</summary>
public sealed class IngestLedger(IConsoleDbContextFactory contexts, TimeProvider clock)
{
    public async Task<(IngestFile File, bool AlreadyKnown)> RegisterAsync(string path, string source, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(path);
        if (!GatewayFileName.TryGetStream(name, out var stream))
        {
            throw new IngestInputException($"{name}: not an export file. Names start with 'accounts' or 'requests' and end in .jsonl or .jsonl.gz.");
        }

        string sha;
        long size;
        try
        {
            await using var content = File.OpenRead(path);
            size = content.Length;
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IngestInputException($"{name}: cannot be read ({ex.Message}).", ex);
        }

        await using var db = contexts.Create();
        if (await db.IngestFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Sha256 == sha, cancellationToken) is { } known)
        {
            return (known, true);
        }

        var file = new IngestFile
        {
            FileName = name,
            Path = Path.GetFullPath(path),
            SizeBytes = size,
            Sha256 = sha,
            Stream = stream == GatewayStream.Accounts ? GatewayStreamKind.Accounts : GatewayStreamKind.Requests,
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

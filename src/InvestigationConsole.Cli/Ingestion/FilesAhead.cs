using InvestigationConsole.Application.Ingestion;

namespace InvestigationConsole.Cli.Ingestion;

/// <summary>
/// The ingest command's files in order, each identified (read through for its SHA-256) on another thread while the
/// file before it is ingested. Hashing a day's export takes about half a second, during which the database writer
/// otherwise sat idle between two files; the ingest itself leaves most of a second core free.
/// </summary>
internal sealed class FilesAhead(IReadOnlyList<string> paths, CancellationToken cancellationToken) : IAsyncDisposable
{
    private int _next;
    private Task<Identified>? _ahead;

    /// <summary>The next file, identified or refused; null after the last. Starts identifying the one after it.</summary>
    public async Task<Identified?> NextAsync()
    {
        if (_next >= paths.Count)
        {
            return null;
        }

        var current = _ahead ?? IdentifyAsync(paths[_next]);
        _next++;
        var following = _next < paths.Count ? paths[_next] : null;
        _ahead = following is null ? null : Task.Run(() => IdentifyAsync(following), cancellationToken);
        return await current;
    }

    /// <summary>Waits for a file still being identified, so that nothing reads it after the command returns.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_ahead is { } ahead)
        {
            try
            {
                await ahead;
            }
            catch (OperationCanceledException)
            {
                // the command was cancelled: the file it would have read next does not matter
            }
        }
    }

    private async Task<Identified> IdentifyAsync(string path)
    {
        try
        {
            return new Identified(path, await IngestLedger.IdentifyAsync(path, cancellationToken), null);
        }
        catch (IngestInputException ex)
        {
            return new Identified(path, null, ex.Message);
        }
    }

    /// <summary>A file with its identity, or the reason it cannot be ingested.</summary>
    internal sealed record Identified(string Path, ExportFileIdentity? Identity, string? Refusal);
}

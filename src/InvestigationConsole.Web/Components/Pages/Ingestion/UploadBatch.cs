namespace InvestigationConsole.Web.Components.Pages.Ingestion;

/// <summary>
/// The files of one drop. Each is streamed to a part file under <see cref="Application.Ingestion.IngestFolders.Uploads"/>
/// (never held in memory); <see cref="CommitAsync"/> then renames them all into the drop folder together, so one scan
/// registers them in order (accounts before requests) and never sees half a file. Part files not committed are deleted.
/// </summary>
public sealed class UploadBatch : IAsyncDisposable
{
    private readonly UploadIntake _intake;
    private readonly string _actor;
    private readonly List<Staged> _staged = [];

    internal UploadBatch(UploadIntake intake, string actor)
    {
        _intake = intake;
        _actor = actor;
    }

    public async Task<UploadOutcome> ReceiveAsync(string fileName, long sizeBytes, Stream content, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        if (UploadIntake.Refusal(fileName, sizeBytes) is { } refusal)
        {
            return UploadOutcome.Refused(fileName, sizeBytes, refusal);
        }

        if (_staged.Any(s => s.FileName == fileName))
        {
            return UploadOutcome.Refused(fileName, sizeBytes, "A file of this name is already in this upload.");
        }

        var folders = _intake.Folders;
        Directory.CreateDirectory(folders.Uploads);
        if (UploadIntake.FreeBytes(folders.Uploads) is { } free && free < sizeBytes + (64L << 20))
        {
            return UploadOutcome.Refused(fileName, sizeBytes, $"Not enough free disk space in the data folder ({IngestionFormat.Size(free)} free).");
        }

        var part = Path.Combine(folders.Uploads, $"{Guid.NewGuid():n}.part");
        string sha256;
        try
        {
            sha256 = await UploadIntake.CopyAsync(content, part, progress, cancellationToken);
        }
        catch
        {
            File.Delete(part);
            throw;
        }

        var original = await _intake.History.FindByContentAsync(sha256, cancellationToken) is { } known
            ? $"{known.FileName} (file #{known.Id}), already in the ledger"
            : _staged.FirstOrDefault(s => s.Sha256 == sha256)?.FileName;
        if (original is not null)
        {
            File.Delete(part);
            await _intake.AuditAsync(_actor, fileName, $"{sizeBytes} bytes; same content as {original}; not ingested again", cancellationToken);
            return new UploadOutcome(fileName, sizeBytes, UploadResult.AlreadyIngested, $"Same content as {original}: not ingested again.");
        }

        _staged.Add(new Staged(fileName, sizeBytes, part, sha256));
        return new UploadOutcome(fileName, sizeBytes, UploadResult.Received, "Received.");
    }

    /// <summary>Moves every received file into the drop folder, audits each, and asks for one scan if any went in.</summary>
    public async Task<IReadOnlyList<UploadOutcome>> CommitAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<UploadOutcome>();
        Directory.CreateDirectory(_intake.Folders.DropFolder);
        foreach (var staged in _staged.Where(s => !s.Committed))
        {
            _intake.MarkSettled(staged.Part);
            var destination = Path.Combine(_intake.Folders.DropFolder, staged.FileName);
            try
            {
                File.Move(staged.Part, destination, overwrite: false);
            }
            catch (IOException) when (File.Exists(destination))
            {
                outcomes.Add(UploadOutcome.Refused(staged.FileName, staged.SizeBytes,
                    "A file of this name is still waiting in the drop folder; try again once it has been picked up."));
                continue;
            }

            staged.Committed = true;
            await _intake.AuditAsync(_actor, staged.FileName, $"{staged.SizeBytes} bytes", cancellationToken);
            _intake.Logger.LogInformation("{Actor} uploaded {File} ({Bytes} bytes) into the drop folder", _actor, staged.FileName, staged.SizeBytes);
            outcomes.Add(new UploadOutcome(staged.FileName, staged.SizeBytes, UploadResult.Queued, "Uploaded; it is ingested next."));
        }

        if (_staged.Any(s => s.Committed))
        {
            await _intake.EnqueueScanAsync();
        }

        return outcomes;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var staged in _staged.Where(s => !s.Committed))
        {
            File.Delete(staged.Part);
        }

        return ValueTask.CompletedTask;
    }

    private sealed class Staged(string fileName, long sizeBytes, string part, string sha256)
    {
        public string FileName { get; } = fileName;
        public long SizeBytes { get; } = sizeBytes;
        public string Part { get; } = part;
        public string Sha256 { get; } = sha256;
        public bool Committed { get; set; }
    }
}

using System.Diagnostics;
using System.Threading.Channels;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Domain.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// Ingests one registered file from its checkpoint to the end. Parsing and prompt features run on one thread; batches
/// are built on another while the batch before them commits; each batch commits with its checkpoint, so a killed
/// process resumes exactly.
/// Files are ingested one at a time per process (SQLite has one writer; account caches stay consistent).
/// </summary>
public sealed class IngestionRunner(
    IConsoleDbContextFactory contexts,
    IIngestStore store,
    RequestKeySet storedKeys,
    IOptions<IngestOptions> options,
    TimeProvider clock,
    IngestProgressBoard board,
    ILogger<IngestionRunner> logger)
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>
    /// The snapshot as the last file that completed here left it, with the store's mark after its last commit; taken by
    /// the next file (one at a time) when nothing was ingested since. Loading it again took 0.5-0.8 s a file at the
    /// seed's size, with the writer idle. Any failure drops it. The web app keeps it between drop-folder files too (a few
    /// tens of MB at the seed's 226,070 accounts).
    /// </summary>
    private (IngestSnapshot Snapshot, string Mark)? _kept;

    public async Task<IngestFileSummary> RunAsync(long fileId, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunExclusiveAsync(fileId, progress, cancellationToken);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<IngestFileSummary> RunExclusiveAsync(long fileId, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var file = await db.IngestFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, cancellationToken)
                   ?? throw new IngestInputException($"No ingest file with id {fileId}.");
        if (file.Status == IngestStatus.Completed)
        {
            return IngestFileSummary.Of(file);
        }

        file.Status = IngestStatus.Running;
        file.StartedAt ??= clock.GetUtcNow();
        file.Error = null;
        await SetStatusAsync(db, file, cancellationToken);

        FileStream content;
        try
        {
            content = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(db, file, $"cannot open {file.Path}: {ex.Message}", cancellationToken);
        }

        var watch = Stopwatch.StartNew();
        var startLine = file.CheckpointLine;

        // On the live board from its start: settling and the snapshot come before the first batch's report.
        Report(file, 0, startLine, TimeSpan.Zero, finished: false, progress);
        try
        {
            using var reader = GatewayFileReader.Open(content, ToContract(file.Stream), GatewayFileName.IsGzip(file.FileName), file.CheckpointLine);
            var kept = _kept is { } last && await store.ReadMarkAsync(cancellationToken) == last.Mark ? last.Snapshot : null;
            _kept = null;
            var settled = await SettleAllRollupsAsync(db, file, cancellationToken);
            await storedKeys.RefreshAsync(store, cancellationToken);
            var snapshot = kept is not null && !settled ? kept : await store.LoadSnapshotAsync(cancellationToken);
            var builder = new IngestBatchBuilder(file, snapshot, store, storedKeys, options.Value, clock);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var chunks = Channel.CreateBounded<ParsedChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            var matcher = await Scoring.HoneypotCanaries.LoadMatcherAsync(contexts, cancellationToken);
            var producer = Task.Run(() => ProduceAsync(reader, content, matcher, chunks.Writer, stop.Token), stop.Token);

            // One batch commits on another thread while the next is built; batches still commit one after the other,
            // in order, and the ledger row (file) only ever takes what a committed batch wrote.
            (Task Commit, IngestBatch Batch, double Fraction)? committing = null;
            async Task SettleCommitAsync()
            {
                if (committing is not { } pending)
                {
                    return;
                }

                committing = null;
                await pending.Commit;
                file.TakeProgressFrom(pending.Batch.File);
                storedKeys.AddCommitted(pending.Batch.Requests.Select(r => r.Key), pending.Batch.StoredSequence);
                Report(file, pending.Fraction, startLine, watch.Elapsed, finished: false, progress);
            }

            try
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(stop.Token))
                {
                    var batch = await builder.BuildAsync(chunk, stop.Token);
                    chunk.Lines.Clear(); // the channel's enumerator still holds the chunk; its parsed lines need not outlive the build
                    if (builder.Rollups.Entries >= options.Value.MaxPendingRollups)
                    {
                        batch.Rollups = builder.TakeRollups();
                    }

                    await SettleCommitAsync();

                    // The batch's row was copied while the batch before was committing: its sequences are the store's,
                    // known only now (a stale RollupsThroughSeq would count rows twice after a kill).
                    batch.File.LastSeq = file.LastSeq;
                    batch.File.RollupsThroughSeq = file.RollupsThroughSeq;
                    committing = (Task.Run(() => store.CommitAsync(batch, stop.Token), stop.Token), batch, chunk.Fraction);
                }

                await SettleCommitAsync();
            }
            catch
            {
                // A batch still committing either lands (and counts) or rolls back before anything else is done.
                try
                {
                    await SettleCommitAsync();
                }
                catch (Exception)
                {
                    // the first failure is the one reported
                }

                await stop.CancelAsync();
                throw;
            }

            await producer;

            // The file's rollups, in key order, in one transaction after its last batch.
            var end = new IngestBatch { File = file, Rollups = builder.TakeRollups() };
            await store.CommitAsync(end, cancellationToken);
            _kept = end.StoreMark is { } mark ? (builder.Snapshot, mark) : null;
        }
        catch (IOException ex)
        {
            // A failed file is not resumed: what it stored must be counted now (from its rows; the builder may be gone).
            await SettleRollupsAsync(file, cancellationToken);
            Report(file, 1, startLine, watch.Elapsed, finished: true, progress);
            return await FailAsync(db, file, $"reading {file.FileName} failed at line {file.LinesRead + 1}: {ex.Message}", cancellationToken);
        }
        catch
        {
            // Interrupted (shutdown, a database error): the ledger keeps the file Running at its checkpoint for the next
            // attempt, but this process no longer works on it, so it leaves the live board (progress: null, the
            // caller's own progress sees the exception instead).
            Report(file, 1, startLine, watch.Elapsed, finished: true, progress: null);
            throw;
        }

        file.Status = IngestStatus.Completed;
        file.CompletedAt = clock.GetUtcNow();
        await SetStatusAsync(db, file, cancellationToken);
        Report(file, 1, startLine, watch.Elapsed, finished: true, progress);
        logger.LogInformation(
            "Ingested {File}: {Accepted} accepted, {Duplicates} duplicates, {Rejected} rejected in {Seconds:F1}s",
            file.FileName, file.Accepted, file.Duplicates, file.Rejected, watch.Elapsed.TotalSeconds);
        return IngestFileSummary.Of(file);
    }

    /// <summary>
    /// Before a file starts: the rollups of rows that killed runs stored without them, of any file (oldest first), so
    /// that account totals, and the evidence samples drawn from them, count every stored request. True when it wrote
    /// any (the accounts' sample counters changed).
    /// </summary>
    private async Task<bool> SettleAllRollupsAsync(IConsoleDbContext db, IngestFile file, CancellationToken cancellationToken)
    {
        var others = await db.IngestFiles.AsNoTracking()
            .Where(f => f.Id != file.Id && f.LastSeq > (f.RollupsThroughSeq ?? 0))
            .OrderBy(f => f.Id)
            .ToListAsync(cancellationToken);
        var wrote = false;
        foreach (var other in others)
        {
            wrote |= await SettleRollupsAsync(other, cancellationToken);
        }

        return await SettleRollupsAsync(file, cancellationToken) | wrote;
    }

    /// <summary>
    /// Writes the rollups of the file's rows that a killed run stored without them (rebuilt from those rows), and marks
    /// where the file's next rows begin: after every row stored so far, whoever wrote it. True when there were any.
    /// </summary>
    private async Task<bool> SettleRollupsAsync(IngestFile file, CancellationToken cancellationToken)
    {
        var rollups = new FileRollups();
        var after = file.RollupsThroughSeq ?? 0;
        if (file.LastSeq is { } last && last > after)
        {
            await store.ReadRequestsAsync(after, last, rollups.Add, cancellationToken);
        }

        await store.CommitAsync(new IngestBatch { File = file, Rollups = rollups }, cancellationToken);
        return !rollups.IsEmpty;
    }

    private async Task ProduceAsync(GatewayFileReader reader, FileStream content, Scoring.CanaryMatcher canaries, ChannelWriter<ParsedChunk> writer, CancellationToken cancellationToken)
    {
        try
        {
            var size = Math.Max(1, options.Value.BatchSize);
            while (true)
            {
                var lines = new List<GatewayLine>(size);
                while (lines.Count < size && reader.TryRead(out var line))
                {
                    lines.Add(line);
                }

                if (lines.Count == 0)
                {
                    break;
                }

                var features = new PromptFeatures[lines.Count];
                for (var i = 0; i < lines.Count; i++)
                {
                    var prompt = lines[i].Request?.Prompt;
                    features[i] = lines[i].Request is null ? PromptFeatures.None : PromptFeatureExtractor.Extract(prompt);
                    if (prompt is not null && canaries.Matches(prompt))
                    {
                        features[i] = features[i] with { Traits = features[i].Traits | PromptTraits.HoneypotCanary };
                    }
                }

                var fraction = content.Length == 0 ? 1 : (double)content.Position / content.Length;
                await writer.WriteAsync(new ParsedChunk(lines, features, reader.LinesRead, fraction), cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }
    }

    private void Report(IngestFile file, double fraction, long startLine, TimeSpan elapsed, bool finished, IProgress<IngestProgress>? progress)
    {
        var rate = elapsed.TotalSeconds > 0 ? (file.LinesRead - startLine) / elapsed.TotalSeconds : 0;
        TimeSpan? remaining = fraction is > 0.001 and < 1 ? elapsed * ((1 - fraction) / fraction) : null;
        var report = new IngestProgress(file.Id, file.FileName, file.Stream, Math.Clamp(fraction, 0, 1), file.LinesRead,
            file.Accepted, file.Duplicates, file.Rejected, rate, remaining, finished);
        board.Report(report);
        progress?.Report(report);
    }

    private async Task<IngestFileSummary> FailAsync(IConsoleDbContext db, IngestFile file, string error, CancellationToken cancellationToken)
    {
        logger.LogError("Ingest of {File} failed: {Error}", file.FileName, error);
        file.Status = IngestStatus.Failed;
        file.Error = error;
        file.CompletedAt = clock.GetUtcNow();
        await SetStatusAsync(db, file, cancellationToken);
        return IngestFileSummary.Of(file);
    }

    private static Task SetStatusAsync(IConsoleDbContext db, IngestFile file, CancellationToken cancellationToken) =>
        db.IngestFiles.Where(f => f.Id == file.Id).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Status, file.Status)
            .SetProperty(f => f.StartedAt, file.StartedAt)
            .SetProperty(f => f.CompletedAt, file.CompletedAt)
            .SetProperty(f => f.Error, file.Error), cancellationToken);

    private static GatewayStream ToContract(GatewayStreamKind kind) => kind == GatewayStreamKind.Accounts ? GatewayStream.Accounts : GatewayStream.Requests;
}

using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Domain.Accounts;
using Microsoft.Data.Sqlite;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>
/// SQLite write path: prepared commands reused for every row, one transaction per batch (data + checkpoint).
/// Timestamps are UTC ticks, as <see cref="UtcTicksConverter"/> stores them for EF.
/// </summary>
internal sealed class SqliteIngestStore(DatabaseSettings settings, IngestOptions options) : IIngestStore, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// The WAL size, in 4 KiB pages, at which SQLite checkpoints it on its own (1 GiB). Batches rewrite the same index and
    /// rollup pages again and again and a checkpoint copies each page of the WAL once, however many batches wrote it, so
    /// the WAL is checkpointed when a file ends (<see cref="CommitAsync"/>) and otherwise only at this size, instead of
    /// every 64 MB (session 8: most of the commit time was checkpoints). The ingest benchmark's raw ceiling uses it too.
    /// </summary>
    internal const int WalAutocheckpointPages = 262_144;

    private readonly Lock _tierGate = new();
    private long? _mainHourRows;
    private long _recentHourRowsSeen;

    private readonly Lock _checkpointGate = new();
    private Task _checkpoint = Task.CompletedTask;

    public async Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await IngestSnapshotReader.ReadAsync(connection, '"', '"', cancellationToken);
    }

    public async Task<string?> ReadMarkAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return SqliteBatchWriter.ReadMark(connection, transaction: null);
    }

    public async Task<long> ReadMaxSeqAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await StoredRequestLookup.MaxSeqAsync(connection, '"', '"', cancellationToken);
    }

    public async Task<long> ReadRequestKeysAsync(long afterSeq, Action<long> onKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return SqliteRequestKeys.Read(connection, afterSeq, onKey, cancellationToken);
    }

    public async Task ReadRequestsAsync(long afterSeq, long throughSeq, Action<ApiRequest> onRequest, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await StoredRequestLookup.ReadRequestsAsync(connection, '"', '"', afterSeq, throughSeq, onRequest, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> FindStoredAsync(IReadOnlyCollection<RequestProbe> probes, CancellationToken cancellationToken)
    {
        if (probes.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var connection = await OpenAsync(cancellationToken);
        return await StoredRequestLookup.FindStoredAsync(connection, '"', '"', at => at.UtcTicks, probes, cancellationToken);
    }

    public async Task CommitAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var lastSeq = SqliteBatchWriter.Write(connection, transaction, batch);
        await transaction.CommitAsync(cancellationToken);
        batch.Committed(lastSeq);
        if (batch.Rollups is { } rollups)
        {
            // A file's rollups went to the recent tier; once it has grown to its share of the main tier, one
            // transaction merges it, so the large tables are rewritten every few files instead of by every file.
            if (!rollups.IsEmpty && RecentTierIsDue(connection))
            {
                await using var merge = connection.BeginTransaction(deferred: false);
                SqliteBatchWriter.MergeRecentTier(connection, merge);
                await merge.CommitAsync(cancellationToken);
                lock (_tierGate)
                {
                    _mainHourRows = null;
                }
            }

            // A file's rollups end it (or a long stretch of it): copy the WAL's pages into the database, each page once
            // however many batches rewrote it, so the WAL the next writer (a recompute, the next file) finds is small.
            await StartCheckpointAsync();
        }
    }

    /// <summary>
    /// Starts a passive checkpoint on a connection of its own, beside the writer: copying the WAL into the database and
    /// syncing it is mostly the kernel's and the disk's work, which the writing thread used to wait for (13 % of the
    /// whole seed's ingest). A passive checkpoint never blocks a writer or a reader; what it has not copied when
    /// the writer's WAL reaches <see cref="WalAutocheckpointPages"/> the writer's own checkpoint copies. One runs at a
    /// time: a file that ends while one still runs leaves its pages to the next. A failed checkpoint fails the next
    /// commit (the disk's error is the writer's too).
    /// </summary>
    private async Task StartCheckpointAsync()
    {
        Task previous;
        lock (_checkpointGate)
        {
            previous = _checkpoint;
            if (!previous.IsCompleted)
            {
                return;
            }

            // A thread of its own: the checkpoint blocks for seconds, and on the pool it held one of the two threads the
            // pool starts with on 2 cores, which the next file's batch commits and reader also need.
            _checkpoint = Task.Factory.StartNew(Checkpoint, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        await previous;
    }

    private void Checkpoint()
    {
        // Not pooled and with a small cache: a checkpoint copies frames without the page cache, and a pooled
        // connection would keep a second page cache alive for the life of the process.
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString) { Pooling = false };
        using var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=30000; PRAGMA cache_size=-1024; PRAGMA wal_checkpoint(PASSIVE);";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Waits for a checkpoint still running, so that the process leaves the database with its WAL copied. A checkpoint
    /// that failed then loses nothing: its pages stay in the WAL, which the next connection to open reads.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await PendingCheckpoint();
        }
        catch (SqliteException)
        {
            // see above: nothing to recover at shutdown
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Task PendingCheckpoint()
    {
        lock (_checkpointGate)
        {
            return _checkpoint;
        }
    }

    /// <summary>
    /// Whether the recent tier holds <see cref="IngestOptions.RecentRollupsFraction"/> of the main tier's hourly rows.
    /// The recent tier is counted every time; the main tier, which only merges change, is counted again after this
    /// store's merge or when the recent tier shrank (another process merged it). Counting it after every file read
    /// all of its 8M rows at the seed's end, 0.1 s a file; the threshold only decides when to merge, never a total.
    /// </summary>
    private bool RecentTierIsDue(SqliteConnection connection)
    {
        var recent = SqliteBatchWriter.CountRows(connection, SqliteBatchWriter.RecentHoursTable);
        lock (_tierGate)
        {
            if (_mainHourRows is null || recent < _recentHourRowsSeen)
            {
                _mainHourRows = SqliteBatchWriter.CountRows(connection, SqliteBatchWriter.MainHoursTable);
            }

            _recentHourRowsSeen = recent;
            return recent > 0 && recent >= options.RecentRollupsFraction * _mainHourRows.Value;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint={WalAutocheckpointPages};";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    internal static object? Ticks(DateTimeOffset? value) => value?.UtcTicks;
}

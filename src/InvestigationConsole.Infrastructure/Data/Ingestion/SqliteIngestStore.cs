using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Domain.Accounts;
using Microsoft.Data.Sqlite;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>
/// SQLite write path: prepared commands reused for every row, one transaction per batch (data + checkpoint).
/// Timestamps are UTC ticks, as <see cref="UtcTicksConverter"/> stores them for EF.
/// </summary>
internal sealed class SqliteIngestStore(DatabaseSettings settings, IngestOptions options) : IIngestStore
{
    /// <summary>
    /// The WAL size, in 4 KiB pages, at which SQLite checkpoints it on its own (1 GiB). Batches rewrite the same index and
    /// rollup pages again and again and a checkpoint copies each page of the WAL once, however many batches wrote it, so
    /// the WAL is checkpointed when a file ends (<see cref="CommitAsync"/>) and otherwise only at this size, instead of
    /// every 64 MB (session 8: most of the commit time was checkpoints). The ingest benchmark's raw ceiling uses it too.
    /// </summary>
    internal const int WalAutocheckpointPages = 262_144;

    public async Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await IngestSnapshotReader.ReadAsync(connection, '"', '"', cancellationToken);
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
        if (batch.Rollups is not null)
        {
            // A file's rollups went to the recent tier; once it has grown to its share of the main tier, one
            // transaction merges it, so the large tables are rewritten every few files instead of by every file.
            if (SqliteBatchWriter.RecentTierIsDue(connection, options.RecentRollupsFraction))
            {
                await using var merge = connection.BeginTransaction(deferred: false);
                SqliteBatchWriter.MergeRecentTier(connection, merge);
                await merge.CommitAsync(cancellationToken);
            }

            // A file's rollups end it (or a long stretch of it): copy the WAL's pages into the database now, each page
            // once however many batches rewrote it, so the next writer (a recompute, the next file) starts small.
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
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

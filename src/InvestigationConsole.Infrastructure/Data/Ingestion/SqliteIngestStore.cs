using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Accounts;
using Microsoft.Data.Sqlite;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>
/// SQLite write path: prepared commands reused for every row, one transaction per batch (data + checkpoint).
/// Timestamps are UTC ticks, as <see cref="UtcTicksConverter"/> stores them for EF.
/// </summary>
internal sealed class SqliteIngestStore(DatabaseSettings settings) : IIngestStore
{
    private const int LookupChunk = 500;

    public async Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await IngestSnapshotReader.ReadAsync(connection, '"', '"', cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, string>> FindRequestsAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, string>();
        if (keys.Count == 0)
        {
            return found;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT \"Id\", \"RequestId\" FROM \"Requests\" WHERE \"Id\" IN ({PreparedCommand.Placeholders(LookupChunk)})";
        var parameters = Enumerable.Range(0, LookupChunk).Select(i => command.Parameters.Add(new SqliteParameter($"@p{i}", 0L))).ToArray();
        command.Prepare();
        foreach (var chunk in keys.Chunk(LookupChunk))
        {
            for (var i = 0; i < LookupChunk; i++)
            {
                parameters[i].Value = chunk[Math.Min(i, chunk.Length - 1)]; // pad with a repeat: one prepared shape
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        return found;
    }

    public async Task CommitAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        SqliteBatchWriter.Write(connection, transaction, batch);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    internal static object? Ticks(DateTimeOffset? value) => value?.UtcTicks;
}

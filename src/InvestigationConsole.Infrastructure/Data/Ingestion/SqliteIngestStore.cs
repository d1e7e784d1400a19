using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Traffic;
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
        var snapshot = new IngestSnapshot();
        await using var connection = await OpenAsync(cancellationToken);
        await using (var accounts = connection.CreateCommand())
        {
            accounts.CommandText = "SELECT \"Key\", \"AccountId\", \"IsPlaceholder\", \"PromptsSeen\" FROM \"Accounts\"";
            await using var reader = await accounts.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetInt32(0);
                snapshot.Accounts[reader.GetString(1)] = new AccountState(key, reader.GetBoolean(2), reader.GetInt64(3));
                snapshot.MaxAccountKey = Math.Max(snapshot.MaxAccountKey, key);
            }
        }

        await using (var lookups = connection.CreateCommand())
        {
            lookups.CommandText = "SELECT \"Id\", \"Kind\", \"Value\" FROM \"LookupValues\"";
            await using var reader = await lookups.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt32(0);
                snapshot.Lookups[((LookupKind)reader.GetInt32(1), reader.GetString(2))] = id;
                snapshot.MaxLookupId = Math.Max(snapshot.MaxLookupId, id);
            }
        }

        return snapshot;
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

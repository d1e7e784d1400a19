using System.Data;
using InvestigationConsole.Application.Ingestion;
using Microsoft.Data.SqlClient;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>
/// SQL Server write path: each batch is bulk-copied into session temp tables and merged with set-based statements in
/// one transaction (data + checkpoint). No SQL Server runs on the development machines: the row shapes are
/// unit-tested (<see cref="SqlServerBatchTables"/>), the statements are plain T-SQL against the migrated schema.
/// </summary>
internal sealed class SqlServerIngestStore(DatabaseSettings settings) : IIngestStore
{
    public async Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await IngestSnapshotReader.ReadAsync(connection, '[', ']', cancellationToken);
    }

    public async Task<IReadOnlyDictionary<long, string>> FindRequestsAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, string>();
        if (keys.Count == 0)
        {
            return found;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await Execute(connection, null, "CREATE TABLE #Keys ([Id] bigint NOT NULL PRIMARY KEY)", cancellationToken);
        await BulkCopyAsync(connection, null, "#Keys", SqlServerBatchTables.Keys(keys), cancellationToken);
        await using var command = new SqlCommand("SELECT r.[Id], r.[RequestId] FROM [Requests] r JOIN #Keys k ON k.[Id] = r.[Id]", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetInt64(0)] = reader.GetString(1);
        }

        return found;
    }

    public async Task CommitAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await BulkCopyAsync(connection, transaction, "Accounts", SqlServerBatchTables.NewAccounts(batch.NewAccounts), cancellationToken);
        await BulkCopyAsync(connection, transaction, "LookupValues", SqlServerBatchTables.Lookups(batch.NewLookups), cancellationToken);
        await BulkCopyAsync(connection, transaction, "Requests", SqlServerBatchTables.Requests(batch.Requests), cancellationToken);

        foreach (var (name, table) in SqlServerBatchTables.Staged(batch))
        {
            await Execute(connection, transaction, $"SELECT TOP 0 * INTO [{name}] FROM (SELECT {string.Join(", ", table.Columns.Cast<DataColumn>().Select(c => $"CAST(NULL AS {SqlServerBatchTables.SqlType(c)}) AS [{c.ColumnName}]"))}) s", cancellationToken);
            await BulkCopyAsync(connection, transaction, name, table, cancellationToken);
        }

        await Execute(connection, transaction, SqlServerBatchTables.MergeSql, cancellationToken);
        var f = batch.File;
        await Execute(connection, transaction,
            $"UPDATE [IngestFiles] SET [LinesRead] = {f.LinesRead}, [Accepted] = {f.Accepted}, [Duplicates] = {f.Duplicates}, " +
            $"[Rejected] = {f.Rejected}, [CheckpointLine] = {f.CheckpointLine} WHERE [Id] = {f.Id}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<SqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task Execute(SqlConnection connection, SqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task BulkCopyAsync(SqlConnection connection, SqlTransaction? transaction, string table, DataTable rows, CancellationToken cancellationToken)
    {
        if (rows.Rows.Count == 0)
        {
            return;
        }

        using var copy = new SqlBulkCopy(connection, SqlBulkCopyOptions.CheckConstraints, transaction)
        {
            DestinationTableName = table.StartsWith('#') ? table : $"[{table}]",
            BatchSize = 0,
            BulkCopyTimeout = 600,
        };
        foreach (DataColumn column in rows.Columns)
        {
            copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await copy.WriteToServerAsync(rows, cancellationToken);
    }
}

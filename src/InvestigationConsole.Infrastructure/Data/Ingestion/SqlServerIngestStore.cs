using System.Data;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Traffic;
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

    public async Task<long> ReadMaxSeqAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await StoredRequestLookup.MaxSeqAsync(connection, '[', ']', cancellationToken);
    }

    public async Task<long> ReadRequestKeysAsync(long afterSeq, Action<long> onKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await StoredRequestLookup.ReadKeysAsync(connection, '[', ']', afterSeq, onKey, cancellationToken);
    }

    public async Task ReadRequestsAsync(long afterSeq, long throughSeq, Action<ApiRequest> onRequest, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await StoredRequestLookup.ReadRequestsAsync(connection, '[', ']', afterSeq, throughSeq, onRequest, cancellationToken);
    }

    public async Task<IReadOnlySet<string>> FindStoredAsync(IReadOnlyCollection<RequestProbe> probes, CancellationToken cancellationToken)
    {
        if (probes.Count == 0)
        {
            return new HashSet<string>();
        }

        await using var connection = await OpenAsync(cancellationToken);
        return await StoredRequestLookup.FindStoredAsync(connection, '[', ']', at => at, probes, cancellationToken);
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
        await using var ledger = new SqlCommand(SqlServerBatchTables.LedgerSql(batch), connection, transaction) { CommandTimeout = 600 };
        var lastSeq = (long)(await ledger.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        batch.Committed(lastSeq);
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

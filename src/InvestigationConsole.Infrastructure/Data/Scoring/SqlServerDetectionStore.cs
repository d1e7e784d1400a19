using System.Data;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Domain.Accounts;
using Microsoft.Data.SqlClient;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// SQL Server data path of detection: the run's rows are bulk-copied (SqlBulkCopy) after clearing the previous
/// run's clusters and links; changed scores and analyses go through session temp tables; all in one transaction. Row shapes are unit-tested
/// (<see cref="SqlServerDetectionTables"/>); no SQL Server runs on the development machines.
/// </summary>
internal sealed class SqlServerDetectionStore(DatabaseSettings settings) : IDetectionStore
{
    /// <remarks>The earlier registry is not used here: every account is read.</remarks>
    public async Task<DetectionInputs> LoadInputsAsync(CancellationToken cancellationToken, IReadOnlyList<Account>? earlier = null)
    {
        await using var connection = new SqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return await DetectionReader.LoadInputsAsync(connection, '[', ']', cancellationToken);
    }

    public void ReadRequests(IReadOnlyList<int> sortedKeys, int parts, Action<int, StoredRequest> onRequest, CancellationToken cancellationToken, long throughSeq = long.MaxValue) =>
        DetectionReader.ReadRequests(Open, '[', ']', sortedKeys, parts, onRequest, cancellationToken, throughSeq: throughSeq);

    public void ReadRequestsAfter(IReadOnlyList<int> sortedKeys, long afterSeq, long throughSeq, Action<StoredRequest> onRequest, CancellationToken cancellationToken)
    {
        using var connection = Open();
        DetectionReader.ReadRequestsAfter(connection, '[', ']', sortedKeys, afterSeq, throughSeq, onRequest, cancellationToken);
    }

    public long HighestSeq()
    {
        using var connection = Open();
        return DetectionReader.HighestSeq(connection, '[', ']');
    }

    public async Task WriteAsync(DetectionWrite write, CancellationToken cancellationToken)
    {
        await using var connection = new SqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, "DELETE FROM [ClusterMembers]; DELETE FROM [ClusterLinks]; DELETE FROM [Clusters];", cancellationToken);
        foreach (var sql in SqlServerDetectionTables.RemoveScoresSql(write.RemovedScores))
        {
            await Execute(connection, transaction, sql, cancellationToken);
        }

        await Execute(connection, transaction, SqlServerDetectionTables.CreateScoresSql, cancellationToken);
        await Execute(connection, transaction, SqlServerDetectionTables.CreateAnalysesSql, cancellationToken);
        await Execute(connection, transaction, SqlServerDetectionTables.CreateStatesSql, cancellationToken);
        foreach (var (table, rows) in SqlServerDetectionTables.Tables(write))
        {
            await BulkCopyAsync(connection, transaction, table, rows, cancellationToken);
        }

        await Execute(connection, transaction, SqlServerDetectionTables.ApplyScoresSql, cancellationToken);
        await Execute(connection, transaction, SqlServerDetectionTables.MergeAnalysesSql, cancellationToken);
        if (write.StatesBasis is { } basis)
        {
            await Execute(connection, transaction, SqlServerDetectionTables.RemoveStatesOfOtherBasisSql(basis), cancellationToken);
        }

        await Execute(connection, transaction, SqlServerDetectionTables.MergeStatesSql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private SqlConnection Open()
    {
        var connection = new SqlConnection(settings.ConnectionString);
        connection.Open();
        return connection;
    }

    private static async Task Execute(SqlConnection connection, SqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection, transaction) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task BulkCopyAsync(SqlConnection connection, SqlTransaction transaction, string table, DataTable rows, CancellationToken cancellationToken)
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

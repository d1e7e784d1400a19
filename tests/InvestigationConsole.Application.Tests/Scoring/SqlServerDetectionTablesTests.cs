using System.Data;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Infrastructure.Data.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>The SQL Server detection writer cannot run here; what it bulk-copies must match the SQL Server model.</summary>
public sealed class SqlServerDetectionTablesTests
{
    private static readonly IModel Model = new InvestigationConsoleDbContext(DatabaseOptionsBuilder.For(DatabaseProvider.SqlServer, "Server=(none)")).GetService<IDesignTimeModel>().Model;

    [Theory]
    [InlineData("#Scores", "AccountRiskScores")]
    [InlineData("AccountScoreChanges", "AccountScoreChanges")]
    [InlineData("Clusters", "Clusters")]
    [InlineData("ClusterMembers", "ClusterMembers")]
    [InlineData("ClusterLinks", "ClusterLinks")]
    [InlineData("#Analyses", "AccountAnalyses")]
    public void BulkCopyTable_ComparedWithModel_HasTheTablesColumnsBesideIdentity(string bulkTable, string table)
    {
        var rows = SqlServerDetectionTables.Tables(new DetectionWrite()).Single(t => t.Table == bulkTable).Rows;

        Assert.Equal(ColumnsOf(table), rows.Columns.Cast<DataColumn>().Select(c => c.ColumnName).Order());
    }

    [Fact]
    public void Scores_OneRowWithoutCluster_SendsNulls()
    {
        var write = new DetectionWrite();
        write.Scores.Add(new AccountRiskScore { AccountKey = 3, Score = 71.5, Flagged = true, ComputedAt = DateTimeOffset.UnixEpoch, RunId = 9 });

        var row = SqlServerDetectionTables.Tables(write).Single(t => t.Table == "#Scores").Rows.Rows[0];

        Assert.Equal((3, 71.5, true, 9L), ((int)row["AccountKey"], (double)row["Score"], (bool)row["Flagged"], (long)row["RunId"]));
        Assert.Equal(DBNull.Value, row["ClusterId"]);
        Assert.Equal(DBNull.Value, row["FirstFlaggedAt"]);
    }

    private static IEnumerable<string> ColumnsOf(string table)
    {
        var entity = Model.GetEntityTypes().Single(e => e.GetTableName() == table);
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        return entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never || p.Name != "Id" || p.ClrType != typeof(long))
            .Select(p => p.GetColumnName(store)!).Order();
    }
}

using System.Data;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Infrastructure.Data.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace InvestigationConsole.Application.Tests.Ingestion;

/// <summary>The SQL Server writer cannot run here; what it sends must at least match the SQL Server model column for column.</summary>
public sealed class SqlServerBatchTablesTests
{
    private static readonly IModel Model = new InvestigationConsoleDbContext(DatabaseOptionsBuilder.For(DatabaseProvider.SqlServer, "Server=(none)")).GetService<IDesignTimeModel>().Model;

    [Theory]
    [InlineData("Requests")]
    [InlineData("Accounts")]
    [InlineData("LookupValues")]
    public void BulkCopyTable_ComparedWithModel_HasExactlyTheTablesColumns(string table)
    {
        var rows = table switch
        {
            "Requests" => SqlServerBatchTables.Requests([]),
            "Accounts" => SqlServerBatchTables.NewAccounts([]),
            _ => SqlServerBatchTables.Lookups([]),
        };

        Assert.Equal(ColumnsOf(table), rows.Columns.Cast<DataColumn>().Select(c => c.ColumnName).Order());
    }

    [Theory]
    [InlineData("#Activity", "AccountActivityHours")]
    [InlineData("#Addresses", "AccountAddresses")]
    [InlineData("#Samples", "PromptSamples")]
    public void StagedTable_ComparedWithModel_HasExactlyTheTablesColumns(string staged, string table)
    {
        var batch = new IngestBatch { File = new IngestFile() };

        var rows = SqlServerBatchTables.Staged(batch).Single(s => s.Name == staged).Table;

        Assert.Equal(ColumnsOf(table), rows.Columns.Cast<DataColumn>().Select(c => c.ColumnName).Order());
    }

    [Fact]
    public void Requests_OneRow_CarriesEveryValue()
    {
        var request = new ApiRequest
        {
            Key = 42, RequestId = "r", AccountKey = 7, Timestamp = DateTimeOffset.UnixEpoch, Day = 0, Ip = "1.2.3.4", IpPrefix = "1.2.3.0/24",
            ModelId = 1, InputTokens = 5, OutputTokens = 9, Status = 200, PromptLength = 12, Traits = 3, Sketch = new byte[32],
        };

        var row = SqlServerBatchTables.Requests([request]).Rows[0];

        Assert.Equal((42L, "r", 7, 9L, 3), ((long)row["Key"], (string)row["RequestId"], (int)row["AccountKey"], (long)row["OutputTokens"], (int)row["Traits"]));
        Assert.Equal(DBNull.Value, row["UserAgentId"]);
    }

    [Fact]
    public void NewAccounts_Placeholder_StartsWithZeroTraffic()
    {
        var row = SqlServerBatchTables.NewAccounts([new Account { Key = 3, AccountId = "a", IsPlaceholder = true }]).Rows[0];

        Assert.Equal((true, 0L, 0L), ((bool)row["IsPlaceholder"], (long)row["RequestCount"], (long)row["PromptsSeen"]));
    }

    [Fact]
    public void Staged_BatchWithRollups_StagesThemAndTheLedgerCountsThemThroughTheLastRow()
    {
        var rollups = new FileRollups();
        rollups.Add(new ApiRequest { AccountKey = 7, Timestamp = DateTimeOffset.UnixEpoch, ModelId = 1, Ip = "1.2.3.4", IpPrefix = "1.2.3.0/24", PromptLength = 3 });
        var batch = new IngestBatch { File = new IngestFile { Id = 5 }, Rollups = rollups };

        var staged = SqlServerBatchTables.Staged(batch).ToDictionary(s => s.Name, s => s.Table.Rows.Count);

        Assert.Equal((1, 1, 1), (staged["#Traffic"], staged["#Activity"], staged["#Addresses"]));
        Assert.Contains("[RollupsThroughSeq] = @last", SqlServerBatchTables.LedgerSql(batch), StringComparison.Ordinal);
    }

    [Fact]
    public void LedgerSql_BatchWithoutRollups_MovesOnlyTheLastSequence()
    {
        var sql = SqlServerBatchTables.LedgerSql(new IngestBatch { File = new IngestFile { Id = 5 } });

        Assert.Contains("[LastSeq] = @last", sql, StringComparison.Ordinal);
        Assert.Contains("[RollupsThroughSeq] = [RollupsThroughSeq]", sql, StringComparison.Ordinal);
    }

    private static IEnumerable<string> ColumnsOf(string table)
    {
        var entity = Model.GetEntityTypes().Single(e => e.GetTableName() == table);
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        // Identity columns (the requests' arrival sequence) are the server's to fill, never sent.
        return entity.GetProperties().Where(p => p.ValueGenerated != ValueGenerated.OnAdd).Select(p => p.GetColumnName(store)!).Order();
    }
}

using System.Data;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>The row shapes SqlBulkCopy sends for a batch, and the T-SQL that merges the staged ones.</summary>
internal static class SqlServerBatchTables
{
    public const string MergeSql = """
        UPDATE a SET a.[IsPlaceholder] = 0, a.[OrgId] = u.[OrgId], a.[CreatedAt] = u.[CreatedAt], a.[EmailDomain] = u.[EmailDomain],
            a.[EmailLocalSha256] = u.[EmailLocalSha256], a.[PaymentFingerprint] = u.[PaymentFingerprint], a.[BillingCountry] = u.[BillingCountry],
            a.[SignupIp] = u.[SignupIp], a.[SignupPrefix] = u.[SignupPrefix], a.[Verification] = u.[Verification], a.[Tier] = u.[Tier],
            a.[RegistryUpdatedAt] = u.[RegistryUpdatedAt]
        FROM [Accounts] a JOIN [#RegistryUpdates] u ON u.[Key] = a.[Key];

        UPDATE a SET a.[RequestCount] = a.[RequestCount] + t.[Requests], a.[PromptsSeen] = a.[PromptsSeen] + t.[PromptsSeen],
            a.[FirstRequestAt] = CASE WHEN a.[FirstRequestAt] IS NULL OR a.[FirstRequestAt] > t.[First] THEN t.[First] ELSE a.[FirstRequestAt] END,
            a.[LastRequestAt] = CASE WHEN a.[LastRequestAt] IS NULL OR a.[LastRequestAt] < t.[Last] THEN t.[Last] ELSE a.[LastRequestAt] END
        FROM [Accounts] a JOIN [#Traffic] t ON t.[Key] = a.[Key];

        MERGE [AccountActivityHours] WITH (HOLDLOCK) AS h
        USING [#Activity] AS s ON h.[AccountKey] = s.[AccountKey] AND h.[Hour] = s.[Hour] AND h.[ModelId] = s.[ModelId]
        WHEN MATCHED THEN UPDATE SET h.[Requests] = h.[Requests] + s.[Requests], h.[InputTokens] = h.[InputTokens] + s.[InputTokens],
            h.[OutputTokens] = h.[OutputTokens] + s.[OutputTokens], h.[ToolRequests] = h.[ToolRequests] + s.[ToolRequests],
            h.[ErrorRequests] = h.[ErrorRequests] + s.[ErrorRequests], h.[IpBits] = h.[IpBits] | s.[IpBits]
        WHEN NOT MATCHED THEN INSERT ([AccountKey], [Hour], [ModelId], [Requests], [InputTokens], [OutputTokens], [ToolRequests], [ErrorRequests], [IpBits])
            VALUES (s.[AccountKey], s.[Hour], s.[ModelId], s.[Requests], s.[InputTokens], s.[OutputTokens], s.[ToolRequests], s.[ErrorRequests], s.[IpBits]);

        MERGE [AccountAddresses] WITH (HOLDLOCK) AS a
        USING [#Addresses] AS s ON a.[AccountKey] = s.[AccountKey] AND a.[Ip] = s.[Ip]
        WHEN MATCHED THEN UPDATE SET a.[Requests] = a.[Requests] + s.[Requests],
            a.[FirstSeenAt] = CASE WHEN s.[FirstSeenAt] < a.[FirstSeenAt] THEN s.[FirstSeenAt] ELSE a.[FirstSeenAt] END,
            a.[LastSeenAt] = CASE WHEN s.[LastSeenAt] > a.[LastSeenAt] THEN s.[LastSeenAt] ELSE a.[LastSeenAt] END
        WHEN NOT MATCHED THEN INSERT ([AccountKey], [Ip], [IpPrefix], [Requests], [FirstSeenAt], [LastSeenAt])
            VALUES (s.[AccountKey], s.[Ip], s.[IpPrefix], s.[Requests], s.[FirstSeenAt], s.[LastSeenAt]);

        MERGE [PromptSamples] WITH (HOLDLOCK) AS p
        USING [#Samples] AS s ON p.[AccountKey] = s.[AccountKey] AND p.[Slot] = s.[Slot]
        WHEN MATCHED THEN UPDATE SET p.[RequestId] = s.[RequestId], p.[Timestamp] = s.[Timestamp], p.[ModelId] = s.[ModelId],
            p.[Traits] = s.[Traits], p.[Prompt] = s.[Prompt]
        WHEN NOT MATCHED THEN INSERT ([AccountKey], [Slot], [RequestId], [Timestamp], [ModelId], [Traits], [Prompt])
            VALUES (s.[AccountKey], s.[Slot], s.[RequestId], s.[Timestamp], s.[ModelId], s.[Traits], s.[Prompt]);

        INSERT INTO [QuarantinedLines] ([FileId], [LineNumber], [Reason], [Field], [Message], [RawText])
        SELECT q.[FileId], q.[LineNumber], q.[Reason], q.[Field], q.[Message], q.[RawText] FROM [#Quarantine] q
        WHERE NOT EXISTS (SELECT 1 FROM [QuarantinedLines] e WHERE e.[FileId] = q.[FileId] AND e.[LineNumber] = q.[LineNumber]);

        DROP TABLE [#RegistryUpdates]; DROP TABLE [#Traffic]; DROP TABLE [#Activity]; DROP TABLE [#Addresses]; DROP TABLE [#Samples]; DROP TABLE [#Quarantine];
        """;

    /// <summary>
    /// The ledger row after a batch, and the highest stored sequence, read inside the transaction (one writer holds the
    /// ingest lock, so every row up to it is accounted for). Rollups written with the batch count the file's rows up to it.
    /// </summary>
    public static string LedgerSql(IngestBatch batch)
    {
        var f = batch.File;
        return $"""
            DECLARE @last bigint = (SELECT COALESCE(MAX([Seq]), 0) FROM [Requests]);
            UPDATE [IngestFiles] SET [LinesRead] = {f.LinesRead}, [Accepted] = {f.Accepted}, [Duplicates] = {f.Duplicates},
                [Rejected] = {f.Rejected}, [CheckpointLine] = {f.CheckpointLine}, [LastSeq] = @last,
                [RollupsThroughSeq] = {(batch.Rollups is null ? "[RollupsThroughSeq]" : "@last")}
            WHERE [Id] = {f.Id};
            SELECT @last;
            """;
    }

    public static DataTable NewAccounts(IEnumerable<Account> accounts)
    {
        var table = AccountTable(includeTraffic: true);
        foreach (var a in accounts)
        {
            table.Rows.Add(a.Key, a.AccountId, a.IsPlaceholder, a.OrgId, a.CreatedAt, a.EmailDomain, a.EmailLocalSha256, a.PaymentFingerprint,
                a.BillingCountry, a.SignupIp, a.SignupPrefix, (int)a.Verification, (int)a.Tier, a.RegistryUpdatedAt, 0L, 0L, null, null);
        }

        return table;
    }

    public static DataTable Lookups(IEnumerable<LookupValue> values)
    {
        var table = Table(("Id", typeof(int)), ("Kind", typeof(int)), ("Value", typeof(string)), ("FirstSeenAt", typeof(DateTimeOffset)));
        foreach (var v in values)
        {
            table.Rows.Add(v.Id, (int)v.Kind, v.Value, v.FirstSeenAt);
        }

        return table;
    }

    public static DataTable Requests(IEnumerable<ApiRequest> requests)
    {
        var table = Table(("Key", typeof(long)), ("RequestId", typeof(string)), ("AccountKey", typeof(int)), ("Timestamp", typeof(DateTimeOffset)), ("Day", typeof(int)),
            ("ApiKeyId", typeof(string)), ("Ip", typeof(string)), ("IpPrefix", typeof(string)), ("UserAgentId", typeof(int)), ("ModelId", typeof(int)),
            ("EndpointId", typeof(int)), ("InputTokens", typeof(long)), ("OutputTokens", typeof(long)), ("LatencyMs", typeof(long)), ("Status", typeof(int)),
            ("ToolCount", typeof(int)), ("Turns", typeof(int)), ("SystemPromptHash", typeof(long)), ("PromptLength", typeof(int)), ("Traits", typeof(int)),
            ("Sketch", typeof(byte[])));
        foreach (var r in requests)
        {
            table.Rows.Add(r.Key, r.RequestId, r.AccountKey, r.Timestamp, r.Day, r.ApiKeyId, r.Ip, r.IpPrefix, r.UserAgentId, r.ModelId, r.EndpointId,
                r.InputTokens, r.OutputTokens, r.LatencyMs, r.Status, r.ToolCount, r.Turns, r.SystemPromptHash, r.PromptLength, r.Traits, r.Sketch);
        }

        return table;
    }

    /// <summary>The temp tables the merge statements read, always all of them (possibly empty) so the merge SQL is fixed.</summary>
    public static IEnumerable<(string Name, DataTable Table)> Staged(IngestBatch batch)
    {
        var updates = AccountTable(includeTraffic: false);
        foreach (var a in batch.RegistryUpdates)
        {
            updates.Rows.Add(a.Key, a.AccountId, false, a.OrgId, a.CreatedAt, a.EmailDomain, a.EmailLocalSha256, a.PaymentFingerprint,
                a.BillingCountry, a.SignupIp, a.SignupPrefix, (int)a.Verification, (int)a.Tier, a.RegistryUpdatedAt);
        }

        var traffic = Table(("Key", typeof(int)), ("Requests", typeof(long)), ("PromptsSeen", typeof(long)), ("First", typeof(DateTimeOffset)), ("Last", typeof(DateTimeOffset)));
        var rollups = batch.Rollups ?? new FileRollups();
        foreach (var (key, t) in rollups.AccountTraffic)
        {
            traffic.Rows.Add(key, t.Requests, t.PromptsSeen, t.First, t.Last);
        }

        var activity = Table(("AccountKey", typeof(int)), ("Hour", typeof(int)), ("ModelId", typeof(int)), ("Requests", typeof(int)), ("InputTokens", typeof(long)),
            ("OutputTokens", typeof(long)), ("ToolRequests", typeof(int)), ("ErrorRequests", typeof(int)), ("IpBits", typeof(long)));
        foreach (var h in rollups.Activity.Values)
        {
            activity.Rows.Add(h.AccountKey, h.Hour, h.ModelId, h.Requests, h.InputTokens, h.OutputTokens, h.ToolRequests, h.ErrorRequests, h.IpBits);
        }

        var addresses = Table(("AccountKey", typeof(int)), ("Ip", typeof(string)), ("IpPrefix", typeof(string)), ("Requests", typeof(long)),
            ("FirstSeenAt", typeof(DateTimeOffset)), ("LastSeenAt", typeof(DateTimeOffset)));
        foreach (var a in rollups.Addresses.Values)
        {
            addresses.Rows.Add(a.AccountKey, a.Ip, a.IpPrefix, a.Requests, a.FirstSeenAt, a.LastSeenAt);
        }

        var samples = Table(("AccountKey", typeof(int)), ("Slot", typeof(int)), ("RequestId", typeof(string)), ("Timestamp", typeof(DateTimeOffset)),
            ("ModelId", typeof(int)), ("Traits", typeof(int)), ("Prompt", typeof(string)));
        foreach (var s in batch.Samples.Values)
        {
            samples.Rows.Add(s.AccountKey, s.Slot, s.RequestId, s.Timestamp, s.ModelId, s.Traits, s.Prompt);
        }

        var quarantine = Table(("FileId", typeof(long)), ("LineNumber", typeof(long)), ("Reason", typeof(string)), ("Field", typeof(string)),
            ("Message", typeof(string)), ("RawText", typeof(string)));
        foreach (var q in batch.Quarantine)
        {
            quarantine.Rows.Add(q.FileId, q.LineNumber, q.Reason, q.Field, q.Message, q.RawText);
        }

        return [("#RegistryUpdates", updates), ("#Traffic", traffic), ("#Activity", activity), ("#Addresses", addresses), ("#Samples", samples), ("#Quarantine", quarantine)];
    }

    public static string SqlType(DataColumn column) => column.DataType switch
    {
        var t when t == typeof(long) => "bigint",
        var t when t == typeof(int) => "int",
        var t when t == typeof(bool) => "bit",
        var t when t == typeof(DateTimeOffset) => "datetimeoffset",
        var t when t == typeof(byte[]) => "varbinary(32)",
        _ => "nvarchar(4000)",
    };

    private static DataTable AccountTable(bool includeTraffic)
    {
        var table = Table(("Key", typeof(int)), ("AccountId", typeof(string)), ("IsPlaceholder", typeof(bool)), ("OrgId", typeof(string)),
            ("CreatedAt", typeof(DateTimeOffset)), ("EmailDomain", typeof(string)), ("EmailLocalSha256", typeof(string)), ("PaymentFingerprint", typeof(string)),
            ("BillingCountry", typeof(string)), ("SignupIp", typeof(string)), ("SignupPrefix", typeof(string)), ("Verification", typeof(int)),
            ("Tier", typeof(int)), ("RegistryUpdatedAt", typeof(DateTimeOffset)));
        if (includeTraffic)
        {
            table.Columns.Add("RequestCount", typeof(long));
            table.Columns.Add("PromptsSeen", typeof(long));
            table.Columns.Add("FirstRequestAt", typeof(DateTimeOffset));
            table.Columns.Add("LastRequestAt", typeof(DateTimeOffset));
        }

        return table;
    }

    private static DataTable Table(params (string Name, Type Type)[] columns)
    {
        var table = new DataTable();
        foreach (var (name, type) in columns)
        {
            table.Columns.Add(name, type).AllowDBNull = true;
        }

        return table;
    }
}

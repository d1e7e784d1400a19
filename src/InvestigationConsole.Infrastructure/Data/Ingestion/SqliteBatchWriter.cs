using InvestigationConsole.Application.Ingestion;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static InvestigationConsole.Infrastructure.Data.Ingestion.SqliteIngestStore;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>Writes one batch inside the caller's transaction; statement order matters (accounts before their traffic).</summary>
internal static class SqliteBatchWriter
{
    /// <summary>Returns the highest stored arrival sequence after the batch (the ledger's new <c>LastSeq</c>).</summary>
    public static long Write(SqliteConnection connection, SqliteTransaction transaction, IngestBatch batch)
    {
        PreparedCommand Prepare(string sql, int count) => new(connection, transaction, sql, count);

        using (var insert = Prepare("""
            INSERT INTO "Accounts" ("Key", "AccountId", "IsPlaceholder", "OrgId", "CreatedAt", "EmailDomain", "EmailLocalSha256",
                "PaymentFingerprint", "BillingCountry", "SignupIp", "SignupPrefix", "Verification", "Tier", "RegistryUpdatedAt",
                "RequestCount", "PromptsSeen", "FirstRequestAt", "LastRequestAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, 0, 0, NULL, NULL)
            """, 14))
        {
            foreach (var a in batch.NewAccounts)
            {
                insert.Execute(a.Key, a.AccountId, a.IsPlaceholder, a.OrgId, Ticks(a.CreatedAt), a.EmailDomain, a.EmailLocalSha256,
                    a.PaymentFingerprint, a.BillingCountry, a.SignupIp, a.SignupPrefix, (int)a.Verification, (int)a.Tier, Ticks(a.RegistryUpdatedAt));
            }
        }

        using (var update = Prepare("""
            UPDATE "Accounts" SET "IsPlaceholder" = 0, "OrgId" = @p1, "CreatedAt" = @p2, "EmailDomain" = @p3, "EmailLocalSha256" = @p4,
                "PaymentFingerprint" = @p5, "BillingCountry" = @p6, "SignupIp" = @p7, "SignupPrefix" = @p8, "Verification" = @p9,
                "Tier" = @p10, "RegistryUpdatedAt" = @p11
            WHERE "Key" = @p0
            """, 12))
        {
            foreach (var a in batch.RegistryUpdates)
            {
                update.Execute(a.Key, a.OrgId, Ticks(a.CreatedAt), a.EmailDomain, a.EmailLocalSha256, a.PaymentFingerprint,
                    a.BillingCountry, a.SignupIp, a.SignupPrefix, (int)a.Verification, (int)a.Tier, Ticks(a.RegistryUpdatedAt));
            }
        }

        using (var lookup = Prepare("""INSERT INTO "LookupValues" ("Id", "Kind", "Value", "FirstSeenAt") VALUES (@p0, @p1, @p2, @p3)""", 4))
        {
            foreach (var v in batch.NewLookups)
            {
                lookup.Execute(v.Id, (int)v.Kind, v.Value, Ticks(v.FirstSeenAt));
            }
        }

        using (var request = new SqliteRowStatement(connection, """
            INSERT INTO "Requests" ("Key", "RequestId", "AccountKey", "Timestamp", "Day", "ApiKeyId", "Ip", "IpPrefix", "UserAgentId", "ModelId",
                "EndpointId", "InputTokens", "OutputTokens", "LatencyMs", "Status", "ToolCount", "Turns", "SystemPromptHash",
                "PromptLength", "Traits", "Sketch")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
            """))
        {
            foreach (var r in batch.Requests)
            {
                request.Bind(1, r.Key).Bind(2, r.RequestId).Bind(3, r.AccountKey).Bind(4, r.Timestamp.UtcTicks).Bind(5, r.Day).Bind(6, r.ApiKeyId)
                    .Bind(7, r.Ip).Bind(8, r.IpPrefix).Bind(9, r.UserAgentId).Bind(10, r.ModelId).Bind(11, r.EndpointId).Bind(12, r.InputTokens)
                    .Bind(13, r.OutputTokens).Bind(14, r.LatencyMs).Bind(15, r.Status).Bind(16, r.ToolCount).Bind(17, r.Turns)
                    .Bind(18, r.SystemPromptHash).Bind(19, r.PromptLength).Bind(20, r.Traits).Bind(21, r.Sketch)
                    .Execute();
            }
        }

        if (batch.Requests.Count > 0)
        {
            // One writer, one transaction: the batch's rows took consecutive sequences ending at the last insert.
            var last = raw.sqlite3_last_insert_rowid(connection.Handle);
            batch.StoredSequence = (last - batch.Requests.Count + 1, last);
        }

        if (batch.Rollups is { } rollups)
        {
            WriteRollups(connection, rollups);
        }

        // A replaced sample is updated in place: REPLACE would delete the row and append it again, touching its key index twice.
        using (var sample = new SqliteRowStatement(connection, """
            INSERT INTO "PromptSamples" ("AccountKey", "Slot", "RequestId", "Timestamp", "ModelId", "Traits", "Prompt")
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            ON CONFLICT ("AccountKey", "Slot") DO UPDATE SET "RequestId" = excluded."RequestId", "Timestamp" = excluded."Timestamp",
                "ModelId" = excluded."ModelId", "Traits" = excluded."Traits", "Prompt" = excluded."Prompt"
            """))
        {
            foreach (var (_, s) in batch.Samples.OrderBy(pair => pair.Key))
            {
                sample.Bind(1, s.AccountKey).Bind(2, s.Slot).Bind(3, s.RequestId).Bind(4, s.Timestamp.UtcTicks).Bind(5, s.ModelId).Bind(6, s.Traits).Bind(7, s.Prompt).Execute();
            }
        }

        using (var quarantine = Prepare("""
            INSERT OR IGNORE INTO "QuarantinedLines" ("FileId", "LineNumber", "Reason", "Field", "Message", "RawText")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
            """, 6))
        {
            foreach (var q in batch.Quarantine)
            {
                quarantine.Execute(q.FileId, q.LineNumber, q.Reason, q.Field, q.Message, q.RawText);
            }
        }

        using var ledger = Prepare("""
            UPDATE "IngestFiles" SET "LinesRead" = @p1, "Accepted" = @p2, "Duplicates" = @p3, "Rejected" = @p4, "CheckpointLine" = @p5,
                "LastSeq" = @p6, "RollupsThroughSeq" = @p7
            WHERE "Id" = @p0
            """, 8);
        var f = batch.File;
        var lastSeq = LastSeq(connection, transaction);
        ledger.Execute(f.Id, f.LinesRead, f.Accepted, f.Duplicates, f.Rejected, f.CheckpointLine, lastSeq, batch.Rollups is null ? f.RollupsThroughSeq : lastSeq);
        if (batch.Rollups is not null)
        {
            batch.StoreMark = ReadMark(connection, transaction);
        }

        return lastSeq;
    }

    /// <summary>
    /// The ledger's progress: every batch reads at least one line and every rollup write moves its file's
    /// RollupsThroughSeq, and neither ever goes back, so any ingest commit changes one of the sums. A file newly
    /// registered adds nothing to them.
    /// </summary>
    public static string ReadMark(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT coalesce(sum("LinesRead"), 0) || ':' || coalesce(sum("RollupsThroughSeq"), 0) || ':' || coalesce(sum("LastSeq"), 0) FROM "IngestFiles" """;
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>The highest stored arrival sequence: one writer, so after this batch's inserts every row up to it is accounted for.</summary>
    private static long LastSeq(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """SELECT coalesce(max("Seq"), 0) FROM "Requests" """;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// A file's rollups in key order: account totals into the accounts, hourly activity and addresses into the recent
    /// tier (small, so a file rewrites a small table rather than the whole of the large one; see <see cref="MergeRecentTier"/>).
    /// </summary>
    private static void WriteRollups(SqliteConnection connection, FileRollups rollups)
    {
        using (var traffic = new SqliteRowStatement(connection, """
            UPDATE "Accounts" SET "RequestCount" = "RequestCount" + ?2, "PromptsSeen" = "PromptsSeen" + ?3,
                "FirstRequestAt" = CASE WHEN "FirstRequestAt" IS NULL OR "FirstRequestAt" > ?4 THEN ?4 ELSE "FirstRequestAt" END,
                "LastRequestAt" = CASE WHEN "LastRequestAt" IS NULL OR "LastRequestAt" < ?5 THEN ?5 ELSE "LastRequestAt" END
            WHERE "Key" = ?1
            """))
        {
            foreach (var (key, t) in rollups.AccountTraffic.OrderBy(pair => pair.Key))
            {
                traffic.Bind(1, key).Bind(2, t.Requests).Bind(3, t.PromptsSeen).Bind(4, t.First.UtcTicks).Bind(5, t.Last.UtcTicks).Execute();
            }
        }

        using (var activity = new SqliteRowStatement(connection, $"""
            INSERT INTO "AccountActivityHoursRecent" ({ActivityColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) {ActivityUpsert}
            """))
        {
            foreach (var (_, h) in rollups.Activity.OrderBy(pair => pair.Key))
            {
                activity.Bind(1, h.AccountKey).Bind(2, h.Hour).Bind(3, h.ModelId).Bind(4, h.Requests).Bind(5, h.InputTokens).Bind(6, h.OutputTokens)
                    .Bind(7, h.ToolRequests).Bind(8, h.ErrorRequests).Bind(9, h.IpBits).Execute();
            }
        }

        using (var address = new SqliteRowStatement(connection, $"""
            INSERT INTO "AccountAddressesRecent" ({AddressColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6) {AddressUpsert}
            """))
        {
            foreach (var (_, a) in rollups.Addresses.OrderBy(pair => pair.Key.AccountKey).ThenBy(pair => pair.Key.Ip, StringComparer.Ordinal))
            {
                address.Bind(1, a.AccountKey).Bind(2, a.Ip).Bind(3, a.IpPrefix).Bind(4, a.Requests).Bind(5, a.FirstSeenAt.UtcTicks).Bind(6, a.LastSeenAt.UtcTicks).Execute();
            }
        }
    }

    public const string MainHoursTable = "AccountActivityHours";

    public const string RecentHoursTable = "AccountActivityHoursRecent";

    /// <summary>
    /// Adds the recent tier's rows to the main tables, in their key order (each page of the main B-trees written once),
    /// and empties it, in the caller's transaction. The totals readers see do not change: they read both tiers.
    /// </summary>
    public static void MergeRecentTier(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var merge = connection.CreateCommand();
        merge.Transaction = transaction;
        merge.CommandText = $"""
            INSERT INTO "AccountActivityHours" ({ActivityColumns}) SELECT {ActivityColumns} FROM "AccountActivityHoursRecent" WHERE true {ActivityUpsert};
            DELETE FROM "AccountActivityHoursRecent";
            INSERT INTO "AccountAddresses" ({AddressColumns}) SELECT {AddressColumns} FROM "AccountAddressesRecent" WHERE true {AddressUpsert};
            DELETE FROM "AccountAddressesRecent";
            """;
        merge.ExecuteNonQuery();
    }

    /// <summary>A table's rows, counted from its B-tree (SQLite reads the pages, not the rows' values).</summary>
    public static long CountRows(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT count(*) FROM "{table}" """;
        return (long)command.ExecuteScalar()!;
    }

    // The same upserts add a file's rollups to the recent tier and the recent tier to the main one: every total is a
    // sum, an OR, a minimum or a maximum, so the order in which rows meet does not change the result.
    private const string ActivityColumns =
        "\"AccountKey\", \"Hour\", \"ModelId\", \"Requests\", \"InputTokens\", \"OutputTokens\", \"ToolRequests\", \"ErrorRequests\", \"IpBits\"";

    private const string ActivityUpsert = """
        ON CONFLICT ("AccountKey", "Hour", "ModelId") DO UPDATE SET
            "Requests" = "Requests" + excluded."Requests", "InputTokens" = "InputTokens" + excluded."InputTokens",
            "OutputTokens" = "OutputTokens" + excluded."OutputTokens", "ToolRequests" = "ToolRequests" + excluded."ToolRequests",
            "ErrorRequests" = "ErrorRequests" + excluded."ErrorRequests", "IpBits" = "IpBits" | excluded."IpBits"
        """;

    private const string AddressColumns = "\"AccountKey\", \"Ip\", \"IpPrefix\", \"Requests\", \"FirstSeenAt\", \"LastSeenAt\"";

    private const string AddressUpsert = """
        ON CONFLICT ("AccountKey", "Ip") DO UPDATE SET "Requests" = "Requests" + excluded."Requests",
            "FirstSeenAt" = min("FirstSeenAt", excluded."FirstSeenAt"), "LastSeenAt" = max("LastSeenAt", excluded."LastSeenAt")
        """;
}

using InvestigationConsole.Application.Ingestion;
using Microsoft.Data.Sqlite;
using static InvestigationConsole.Infrastructure.Data.Ingestion.SqliteIngestStore;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>Writes one batch inside the caller's transaction; statement order matters (accounts before their traffic).</summary>
internal static class SqliteBatchWriter
{
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, IngestBatch batch)
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

        using (var request = Prepare("""
            INSERT INTO "Requests" ("Key", "RequestId", "AccountKey", "Timestamp", "Day", "ApiKeyId", "Ip", "IpPrefix", "UserAgentId", "ModelId",
                "EndpointId", "InputTokens", "OutputTokens", "LatencyMs", "Status", "ToolCount", "Turns", "SystemPromptHash",
                "PromptLength", "Traits", "Sketch")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16, @p17, @p18, @p19, @p20)
            """, 21))
        {
            foreach (var r in batch.Requests)
            {
                request.Execute(r.Key, r.RequestId, r.AccountKey, r.Timestamp.UtcTicks, r.Day, r.ApiKeyId, r.Ip, r.IpPrefix, r.UserAgentId, r.ModelId,
                    r.EndpointId, r.InputTokens, r.OutputTokens, r.LatencyMs, r.Status, r.ToolCount, r.Turns, r.SystemPromptHash,
                    r.PromptLength, r.Traits, r.Sketch);
            }
        }

        using (var traffic = Prepare("""
            UPDATE "Accounts" SET "RequestCount" = "RequestCount" + @p1, "PromptsSeen" = "PromptsSeen" + @p2,
                "FirstRequestAt" = CASE WHEN "FirstRequestAt" IS NULL OR "FirstRequestAt" > @p3 THEN @p3 ELSE "FirstRequestAt" END,
                "LastRequestAt" = CASE WHEN "LastRequestAt" IS NULL OR "LastRequestAt" < @p4 THEN @p4 ELSE "LastRequestAt" END
            WHERE "Key" = @p0
            """, 5))
        {
            foreach (var (key, t) in batch.AccountTraffic)
            {
                traffic.Execute(key, t.Requests, t.PromptsSeen, t.First.UtcTicks, t.Last.UtcTicks);
            }
        }

        using (var activity = Prepare("""
            INSERT INTO "AccountActivityHours" ("AccountKey", "Hour", "ModelId", "Requests", "InputTokens", "OutputTokens", "ToolRequests", "ErrorRequests", "IpBits")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8)
            ON CONFLICT ("AccountKey", "Hour", "ModelId") DO UPDATE SET
                "Requests" = "Requests" + excluded."Requests", "InputTokens" = "InputTokens" + excluded."InputTokens",
                "OutputTokens" = "OutputTokens" + excluded."OutputTokens", "ToolRequests" = "ToolRequests" + excluded."ToolRequests",
                "ErrorRequests" = "ErrorRequests" + excluded."ErrorRequests", "IpBits" = "IpBits" | excluded."IpBits"
            """, 9))
        {
            foreach (var h in batch.Activity.Values)
            {
                activity.Execute(h.AccountKey, h.Hour, h.ModelId, h.Requests, h.InputTokens, h.OutputTokens, h.ToolRequests, h.ErrorRequests, h.IpBits);
            }
        }

        using (var address = Prepare("""
            INSERT INTO "AccountAddresses" ("AccountKey", "Ip", "IpPrefix", "Requests", "FirstSeenAt", "LastSeenAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
            ON CONFLICT ("AccountKey", "Ip") DO UPDATE SET "Requests" = "Requests" + excluded."Requests",
                "FirstSeenAt" = min("FirstSeenAt", excluded."FirstSeenAt"), "LastSeenAt" = max("LastSeenAt", excluded."LastSeenAt")
            """, 6))
        {
            foreach (var a in batch.Addresses.Values)
            {
                address.Execute(a.AccountKey, a.Ip, a.IpPrefix, a.Requests, a.FirstSeenAt.UtcTicks, a.LastSeenAt.UtcTicks);
            }
        }

        using (var sample = Prepare("""
            INSERT OR REPLACE INTO "PromptSamples" ("AccountKey", "Slot", "RequestId", "Timestamp", "ModelId", "Traits", "Prompt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)
            """, 7))
        {
            foreach (var s in batch.Samples.Values)
            {
                sample.Execute(s.AccountKey, s.Slot, s.RequestId, s.Timestamp.UtcTicks, s.ModelId, s.Traits, s.Prompt);
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
            UPDATE "IngestFiles" SET "LinesRead" = @p1, "Accepted" = @p2, "Duplicates" = @p3, "Rejected" = @p4, "CheckpointLine" = @p5
            WHERE "Id" = @p0
            """, 6);
        var f = batch.File;
        ledger.Execute(f.Id, f.LinesRead, f.Accepted, f.Duplicates, f.Rejected, f.CheckpointLine);
    }
}

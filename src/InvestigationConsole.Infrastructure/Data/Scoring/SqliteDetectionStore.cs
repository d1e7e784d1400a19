using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data.Ingestion;
using Microsoft.Data.Sqlite;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// SQLite data path of detection. Results are written with prepared commands reused for every row, in one
/// transaction: readers (WAL) see the previous run's results until the new ones are complete. Scores, members, links
/// and analyses that a run finds as stored are not rewritten.
/// </summary>
internal sealed class SqliteDetectionStore(DatabaseSettings settings) : IDetectionStore
{
    public async Task<DetectionInputs> LoadInputsAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await DetectionReader.LoadInputsAsync(connection, '"', '"', cancellationToken);
    }

    public void ReadRequests(IReadOnlyList<int> sortedKeys, int parts, Action<int, StoredRequest> onRequest, CancellationToken cancellationToken, long throughSeq = long.MaxValue) =>
        DetectionReader.ReadRequests(Open, '"', '"', sortedKeys, parts, onRequest, cancellationToken, SqliteRequestRows.Read, throughSeq);

    public void ReadRequestsAfter(IReadOnlyList<int> sortedKeys, long afterSeq, long throughSeq, Action<StoredRequest> onRequest, CancellationToken cancellationToken)
    {
        using var connection = Open();
        DetectionReader.ReadRequestsAfter(connection, '"', '"', sortedKeys, afterSeq, throughSeq, onRequest, cancellationToken, SqliteRequestRows.Read);
    }

    public long HighestSeq()
    {
        using var connection = Open();
        return DetectionReader.HighestSeq(connection, '"', '"');
    }

    public async Task WriteAsync(DetectionWrite write, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var transaction = connection.BeginTransaction(deferred: false);
        PreparedCommand Prepare(string sql, int count) => new(connection, transaction, sql, count);
        using (var clear = Prepare("""DELETE FROM "Clusters";""", 0))
        {
            clear.Execute();
        }

        using (var removed = Prepare("""DELETE FROM "AccountRiskScores" WHERE "AccountKey" = @p0""", 1))
        {
            foreach (var key in write.RemovedScores)
            {
                removed.Execute(key);
            }
        }

        using (var score = Prepare("""
            INSERT OR REPLACE INTO "AccountRiskScores" ("AccountKey", "Score", "Flagged", "ScoreBeforeCluster", "ClusterId", "TopSignals", "SignalsJson",
                "CorroboratingFamilies", "ComputedAt", "RunId", "FirstFlaggedAt", "ContentHash")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11)
            """, 12))
        {
            foreach (var s in write.Scores)
            {
                score.Execute(s.AccountKey, s.Score, s.Flagged, s.ScoreBeforeCluster, s.ClusterId, s.TopSignals, s.SignalsJson,
                    s.CorroboratingFamilies, s.ComputedAt.UtcTicks, s.RunId, s.FirstFlaggedAt?.UtcTicks, s.ContentHash);
            }
        }

        using (var change = Prepare("""
            INSERT INTO "AccountScoreChanges" ("AccountKey", "At", "Score", "Flagged", "RunId", "Reason") VALUES (@p0, @p1, @p2, @p3, @p4, @p5)
            """, 6))
        {
            foreach (var c in write.Changes)
            {
                change.Execute(c.AccountKey, c.At.UtcTicks, c.Score, c.Flagged, c.RunId, c.Reason);
            }
        }

        using (var cluster = Prepare("""
            INSERT INTO "Clusters" ("Id", "Risk", "Size", "IsCampaign", "DominantLinkTypes", "SharedAttributesJson", "Description",
                "FirstActivityAt", "LastActivityAt", "RunId")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)
            """, 10))
        {
            foreach (var c in write.Clusters)
            {
                cluster.Execute(c.Id, c.Risk, c.Size, c.IsCampaign, c.DominantLinkTypes, c.SharedAttributesJson, c.Description,
                    c.FirstActivityAt?.UtcTicks, c.LastActivityAt?.UtcTicks, c.RunId);
            }
        }

        WriteChangedMembers(connection, transaction, write.Members);
        WriteChangedLinks(connection, transaction, write.Links);

        // Most accounts' analyses come out as they were stored (no new traffic): replacing them would rewrite and log
        // every blob, which costs far more than reading them back to compare.
        using (var stored = new SqliteCommand("""SELECT "Stamp", "Basis", "Data" FROM "AccountAnalyses" WHERE "AccountKey" = @p0""", connection, transaction))
        using (var analysis = Prepare("""
            INSERT OR REPLACE INTO "AccountAnalyses" ("AccountKey", "Stamp", "Basis", "Data") VALUES (@p0, @p1, @p2, @p3)
            """, 4))
        {
            var key = stored.Parameters.Add("@p0", SqliteType.Integer);
            stored.Prepare();
            foreach (var a in write.Analyses)
            {
                key.Value = a.AccountKey;
                if (!IsStored(stored, a))
                {
                    analysis.Execute(a.AccountKey, a.Stamp, a.Basis, a.Data);
                }
            }
        }

        if (write.StatesBasis is { } basis)
        {
            using var stale = Prepare("""DELETE FROM "AccountAnalysisStates" WHERE "Basis" <> @p0""", 1);
            stale.Execute(basis);
        }

        using (var state = Prepare("""
            INSERT OR REPLACE INTO "AccountAnalysisStates" ("AccountKey", "Basis", "ThroughSeq", "Data") VALUES (@p0, @p1, @p2, @p3)
            """, 4))
        {
            foreach (var s in write.States)
            {
                state.Execute(s.AccountKey, s.Basis, s.ThroughSeq, s.Data);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Members as the run found them: only the accounts that joined, moved or left are written.</summary>
    private static void WriteChangedMembers(SqliteConnection connection, SqliteTransaction transaction, List<ClusterMember> members)
    {
        var stored = new Dictionary<int, string>();
        using (var read = new SqliteCommand("""SELECT "AccountKey", "ClusterId" FROM "ClusterMembers" """, connection, transaction))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                stored[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        using var remove = new PreparedCommand(connection, transaction, """DELETE FROM "ClusterMembers" WHERE "AccountKey" = @p0""", 1);
        using var upsert = new PreparedCommand(connection, transaction, """INSERT OR REPLACE INTO "ClusterMembers" ("AccountKey", "ClusterId") VALUES (@p0, @p1)""", 2);
        foreach (var m in members)
        {
            if (!stored.Remove(m.AccountKey, out var clusterId) || !string.Equals(clusterId, m.ClusterId, StringComparison.Ordinal))
            {
                upsert.Execute(m.AccountKey, m.ClusterId);
            }
        }

        foreach (var key in stored.Keys)
        {
            remove.Execute(key);
        }
    }

    /// <summary>
    /// Links as the run found them. Most are as stored between runs, and rewriting a quarter of a million rows and their
    /// two indexes costs more than reading them back: only new, changed and vanished links are written.
    /// </summary>
    private static void WriteChangedLinks(SqliteConnection connection, SqliteTransaction transaction, List<ClusterLink> links)
    {
        var stored = new Dictionary<(int, int), (long Id, double Weight, bool IsStrong, string Evidence)>();
        var repeated = new List<long>();
        using (var read = new SqliteCommand("""SELECT "Id", "AccountKey", "OtherAccountKey", "Weight", "IsStrong", "EvidenceJson" FROM "ClusterLinks" """, connection, transaction))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!stored.TryAdd((reader.GetInt32(1), reader.GetInt32(2)), (reader.GetInt64(0), reader.GetDouble(3), reader.GetBoolean(4), reader.GetString(5))))
                {
                    repeated.Add(reader.GetInt64(0));
                }
            }
        }

        using var remove = new PreparedCommand(connection, transaction, """DELETE FROM "ClusterLinks" WHERE "Id" = @p0""", 1);
        foreach (var id in repeated)
        {
            remove.Execute(id);
        }

        using var insert = new PreparedCommand(connection, transaction, """
            INSERT INTO "ClusterLinks" ("AccountKey", "OtherAccountKey", "Weight", "IsStrong", "EvidenceJson") VALUES (@p0, @p1, @p2, @p3, @p4)
            """, 5);
        foreach (var l in links)
        {
            if (stored.Remove((l.AccountKey, l.OtherAccountKey), out var old))
            {
                if (old.Weight == l.Weight && old.IsStrong == l.IsStrong && string.Equals(old.Evidence, l.EvidenceJson, StringComparison.Ordinal))
                {
                    continue;
                }

                remove.Execute(old.Id);
            }

            insert.Execute(l.AccountKey, l.OtherAccountKey, l.Weight, l.IsStrong, l.EvidenceJson);
        }

        foreach (var old in stored.Values)
        {
            remove.Execute(old.Id);
        }
    }

    private static bool IsStored(SqliteCommand stored, AccountAnalysisSnapshot analysis)
    {
        using var reader = stored.ExecuteReader();
        return reader.Read() && reader.GetInt64(0) == analysis.Stamp && reader.GetInt64(1) == analysis.Basis
            && reader.GetFieldValue<byte[]>(2).AsSpan().SequenceEqual(analysis.Data);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(settings.ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-65536;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}

using System.Runtime.InteropServices;
using System.Text;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data.Ingestion;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// SQLite data path of detection. Results are written with prepared commands reused for every row, in one
/// transaction: readers (WAL) see the previous run's results until the new ones are complete. Scores, members, links
/// and analyses that a run finds as stored are not rewritten.
/// </summary>
internal sealed class SqliteDetectionStore(DatabaseSettings settings) : IDetectionStore
{
    public async Task<DetectionInputs> LoadInputsAsync(CancellationToken cancellationToken, IReadOnlyList<Account>? earlier = null)
    {
        await using var connection = Open();
        return await DetectionReader.LoadInputsAsync(connection, '"', '"', cancellationToken, (c, token) => SqliteRegistryRows.Read(c, earlier, token));
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

        // Read before the clusters are replaced: whether the links are still exactly those the delta's run wrote.
        var delta = write.LinkDelta is { } changes && HoldsLinksOf(connection, transaction, changes) ? changes : null;
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
        if (delta is not null)
        {
            WriteLinkDelta(connection, transaction, delta);
        }
        else
        {
            WriteChangedLinks(connection, transaction, write.Links);
        }

        // Most accounts' analyses come out as they were stored (no new traffic): replacing them would rewrite and log
        // every blob, which costs far more than reading them back to compare.
        var analyses = write.Analyses;
        var analysesStored = StoredAlready(connection, "AccountAnalyses", "Stamp", "Basis", analyses, a => a.AccountKey, a => (a.Stamp, a.Basis), a => a.Data);
        using (var analysis = Prepare("""
            INSERT OR REPLACE INTO "AccountAnalyses" ("AccountKey", "Stamp", "Basis", "Data") VALUES (@p0, @p1, @p2, @p3)
            """, 4))
        {
            for (var i = 0; i < analyses.Count; i++)
            {
                if (!analysesStored[i])
                {
                    var a = analyses[i];
                    analysis.Execute(a.AccountKey, a.Stamp, a.Basis, a.Data);
                }
            }
        }

        if (write.StatesBasis is { } basis)
        {
            using var stale = Prepare("""DELETE FROM "AccountAnalysisStates" WHERE "Basis" <> @p0""", 1);
            stale.Execute(basis);
        }

        // A full run captures again the states of the accounts that had no new traffic (150 MB at the seed's scale):
        // only the new and changed ones are written.
        var states = write.States;
        var statesStored = StoredAlready(connection, "AccountAnalysisStates", "Basis", "ThroughSeq", states, s => s.AccountKey, s => (s.Basis, s.ThroughSeq), s => s.Data);
        using (var state = Prepare("""
            INSERT OR REPLACE INTO "AccountAnalysisStates" ("AccountKey", "Basis", "ThroughSeq", "Data") VALUES (@p0, @p1, @p2, @p3)
            """, 4))
        {
            for (var i = 0; i < states.Count; i++)
            {
                if (!statesStored[i])
                {
                    var s = states[i];
                    state.Execute(s.AccountKey, s.Basis, s.ThroughSeq, s.Data);
                }
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
    /// two indexes costs more than reading them back: only new, changed and vanished links are written. The stored rows
    /// are read on the native statement, their evidence kept as UTF-8 side by side in one buffer rather than as strings.
    /// </summary>
    private const string InsertLink = """
        INSERT INTO "ClusterLinks" ("AccountKey", "OtherAccountKey", "Weight", "IsStrong", "EvidenceJson") VALUES (@p0, @p1, @p2, @p3, @p4)
        """;

    /// <summary>
    /// Whether the stored links are exactly those the delta's run wrote: every write replaces all clusters and writes the
    /// links in one transaction, so clusters that all carry that run's id, beside as many links as it wrote, are its.
    /// </summary>
    private static bool HoldsLinksOf(SqliteConnection connection, SqliteTransaction transaction, LinkDelta delta)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT (SELECT MIN("RunId") FROM "Clusters"), (SELECT MAX("RunId") FROM "Clusters"), (SELECT COUNT(*) FROM "ClusterLinks")
            """;
        using var reader = command.ExecuteReader();
        return reader.Read() && !reader.IsDBNull(0) && reader.GetInt64(0) == delta.SinceRun && reader.GetInt64(1) == delta.SinceRun
               && reader.GetInt64(2) == delta.SinceCount;
    }

    /// <summary>The links as changes to those stored (one row per pair): the removed and changed pairs' rows go, the new and changed rows are written.</summary>
    private static void WriteLinkDelta(SqliteConnection connection, SqliteTransaction transaction, LinkDelta delta)
    {
        using (var remove = new PreparedCommand(connection, transaction, """DELETE FROM "ClusterLinks" WHERE "AccountKey" = @p0 AND "OtherAccountKey" = @p1""", 2))
        {
            foreach (var (account, other) in delta.Removed)
            {
                remove.Execute(account, other);
            }
        }

        using var insert = new PreparedCommand(connection, transaction, InsertLink, 5);
        foreach (var l in delta.Written)
        {
            insert.Execute(l.AccountKey, l.OtherAccountKey, l.Weight, l.IsStrong, l.EvidenceJson);
        }
    }

    private static void WriteChangedLinks(SqliteConnection connection, SqliteTransaction transaction, List<ClusterLink> links)
    {
        var db = connection.Handle!;
        var stored = new Dictionary<(int, int), StoredLink>();
        var repeated = new List<long>();
        var texts = new byte[1 << 16];
        var used = 0;
        using (var read = SqliteNative.Prepare(db, """SELECT "Id", "AccountKey", "OtherAccountKey", "Weight", "IsStrong", "EvidenceJson" FROM "ClusterLinks" """))
        {
            while (SqliteNative.Step(db, read))
            {
                var id = raw.sqlite3_column_int64(read, 0);
                var evidence = raw.sqlite3_column_blob(read, 5);
                var link = new StoredLink(id, raw.sqlite3_column_double(read, 3), raw.sqlite3_column_int(read, 4) != 0, used, evidence.Length);
                if (!stored.TryAdd((raw.sqlite3_column_int(read, 1), raw.sqlite3_column_int(read, 2)), link))
                {
                    repeated.Add(id);
                    continue;
                }

                if (texts.Length - used < evidence.Length)
                {
                    Array.Resize(ref texts, (int)Math.Min(Array.MaxLength, Math.Max(used + (long)evidence.Length, texts.Length * 2L)));
                }

                evidence.CopyTo(texts.AsSpan(used));
                used += evidence.Length;
            }
        }

        using var remove = new PreparedCommand(connection, transaction, """DELETE FROM "ClusterLinks" WHERE "Id" = @p0""", 1);
        foreach (var id in repeated)
        {
            remove.Execute(id);
        }

        using var insert = new PreparedCommand(connection, transaction, InsertLink, 5);
        var utf8 = new byte[1024];
        foreach (var l in links)
        {
            if (stored.Remove((l.AccountKey, l.OtherAccountKey), out var old))
            {
                if (old.Weight == l.Weight && old.IsStrong == l.IsStrong && SameText(texts.AsSpan(old.Offset, old.Length), l.EvidenceJson, ref utf8))
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

    /// <summary>Whether <paramref name="text"/> is <paramref name="stored"/> (UTF-8), encoded in a buffer reused between calls.</summary>
    private static bool SameText(ReadOnlySpan<byte> stored, string text, ref byte[] utf8)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (utf8.Length < most)
        {
            utf8 = new byte[most];
        }

        return utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, utf8)).SequenceEqual(stored);
    }

    /// <summary>A stored link; its evidence is <see cref="Length"/> bytes at <see cref="Offset"/> in the read's text buffer.</summary>
    private readonly record struct StoredLink(long Id, double Weight, bool IsStrong, int Offset, int Length);

    /// <summary>
    /// Which of <paramref name="rows"/> the table (keyed by "AccountKey", with two numbers and "Data") already holds
    /// exactly so; the caller writes only the others. Rows that are a large share of the table (a full run) are compared
    /// in one pass over it in key order, a few (an incremental run) by lookups. Blobs are compared where SQLite holds them,
    /// on the native statement, without a copy. A key given twice is never reported as stored: both rows are written,
    /// in order, as asked.
    /// </summary>
    private static bool[] StoredAlready<T>(
        SqliteConnection connection, string table, string first, string second, IReadOnlyList<T> rows,
        Func<T, int> keyOf, Func<T, (long First, long Second)> numbersOf, Func<T, byte[]> dataOf)
    {
        var same = new bool[rows.Count];
        if (rows.Count == 0)
        {
            return same;
        }

        var positions = new Dictionary<int, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(positions, keyOf(rows[i]), out var repeated);
            position = repeated ? -1 : i;
        }

        var db = connection.Handle!;
        var highest = 0L;
        using (var max = SqliteNative.Prepare(db, $"""SELECT max("AccountKey") FROM "{table}" """))
        {
            if (SqliteNative.Step(db, max))
            {
                highest = raw.sqlite3_column_int64(max, 0);
            }
        }

        bool Matches(sqlite3_stmt row, int i)
        {
            var (a, b) = numbersOf(rows[i]);
            return raw.sqlite3_column_int64(row, 1) == a && raw.sqlite3_column_int64(row, 2) == b
                && raw.sqlite3_column_blob(row, 3).SequenceEqual(dataOf(rows[i]));
        }

        var select = $"""SELECT "AccountKey", "{first}", "{second}", "Data" FROM "{table}" """;
        if (rows.Count * 8L >= highest)
        {
            using var scan = SqliteNative.Prepare(db, select);
            while (SqliteNative.Step(db, scan))
            {
                if (positions.TryGetValue(raw.sqlite3_column_int(scan, 0), out var i) && i >= 0)
                {
                    same[i] = Matches(scan, i);
                }
            }

            return same;
        }

        using var lookup = SqliteNative.Prepare(db, select + """WHERE "AccountKey" = ?1""");
        foreach (var (key, i) in positions)
        {
            if (i < 0)
            {
                continue;
            }

            SqliteNative.Check(db, raw.sqlite3_reset(lookup));
            SqliteNative.Check(db, raw.sqlite3_bind_int(lookup, 1, key));
            same[i] = SqliteNative.Step(db, lookup) && Matches(lookup, i);
        }

        return same;
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

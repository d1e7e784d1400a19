using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>
/// The SQLite store writes only the links, analyses and states that differ from what it holds. Which rows were written is seen
/// through insert triggers on their tables (an INSERT OR REPLACE fires them too).
/// </summary>
public sealed class DetectionStoreWriteTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private SqliteConnection _connection = null!;

    private IDetectionStore Store => _host.Services.GetRequiredService<IDetectionStore>();

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _connection = new SqliteConnection(_host.Services.GetRequiredService<DatabaseSettings>().ConnectionString);
        await _connection.OpenAsync();
        Execute("""
            CREATE TABLE "WriteLog" ("Kind" TEXT NOT NULL, "AccountKey" INTEGER NOT NULL);
            CREATE TRIGGER "LogAnalyses" AFTER INSERT ON "AccountAnalyses" BEGIN INSERT INTO "WriteLog" VALUES ('analysis', NEW."AccountKey"); END;
            CREATE TRIGGER "LogStates" AFTER INSERT ON "AccountAnalysisStates" BEGIN INSERT INTO "WriteLog" VALUES ('state', NEW."AccountKey"); END;
            CREATE TRIGGER "LogLinks" AFTER INSERT ON "ClusterLinks" BEGIN INSERT INTO "WriteLog" VALUES ('link', NEW."AccountKey"); END;
            """);
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task WriteAsync_AnalysesAndStatesStoredAlready_WritesOnlyTheNewAndChangedOnes()
    {
        var first = new DetectionWrite();
        first.Analyses.AddRange(Enumerable.Range(1, 100).Select(key => Analysis(key, stamp: 1, Bytes(key, 40))));
        first.States.AddRange(Enumerable.Range(1, 40).Select(key => State(key, throughSeq: 500, Bytes(key, 300))));
        await Store.WriteAsync(first, default);
        Assert.Equal((100, 40), (Logged("analysis").Count, Logged("state").Count));

        // A full run: every row again (one pass over the tables), a few of them changed, one new, one key given twice.
        Execute("""DELETE FROM "WriteLog";""");
        var full = new DetectionWrite { StatesBasis = 7 };
        full.Analyses.AddRange(Enumerable.Range(1, 101).Select(key => key switch
        {
            7 => Analysis(key, stamp: 1, Bytes(key + 1000, 40)),
            8 => Analysis(key, stamp: 2, Bytes(key, 40)),
            _ => Analysis(key, stamp: 1, Bytes(key, 40)),
        }));
        full.States.AddRange(Enumerable.Range(1, 40).Select(key => State(key, throughSeq: key == 3 ? 501 : 500, Bytes(key, 300))));
        full.States.Add(State(5, throughSeq: 500, Bytes(5, 300)));
        await Store.WriteAsync(full, default);
        Assert.Equal([7, 8, 101], Logged("analysis"));
        Assert.Equal([3, 5, 5], Logged("state"));

        // An incremental run: a few rows (looked up one by one); a key given twice, the stored row first, is written twice.
        Execute("""DELETE FROM "WriteLog";""");
        var incremental = new DetectionWrite();
        incremental.Analyses.AddRange([Analysis(2, stamp: 1, Bytes(2, 40)), Analysis(9, stamp: 1, Bytes(9, 41))]);
        incremental.States.AddRange([State(4, 500, Bytes(4, 300)), State(6, 500, Bytes(6, 300)), State(6, 500, Bytes(60, 300))]);
        await Store.WriteAsync(incremental, default);
        Assert.Equal([9], Logged("analysis"));
        Assert.Equal([6, 6], Logged("state"));

        // What is stored is what was last asked for, row by row.
        var analyses = Stored("""SELECT "AccountKey", "Stamp", "Data" FROM "AccountAnalyses" """);
        Assert.Equal(101, analyses.Count);
        AssertRow(1, Bytes(1007, 40), analyses[7]);
        AssertRow(2, Bytes(8, 40), analyses[8]);
        AssertRow(1, Bytes(9, 41), analyses[9]);
        AssertRow(1, Bytes(101, 40), analyses[101]);
        var states = Stored("""SELECT "AccountKey", "ThroughSeq", "Data" FROM "AccountAnalysisStates" """);
        Assert.Equal(40, states.Count);
        AssertRow(501, Bytes(3, 300), states[3]);
        AssertRow(500, Bytes(60, 300), states[6]);
        AssertRow(500, Bytes(20, 300), states[20]);
    }

    [Fact]
    public async Task WriteAsync_LinksStoredAlready_WritesOnlyTheNewAndChangedOnesAndRemovesTheVanished()
    {
        static ClusterLink Link(int a, double weight, string evidence, bool strong = true) =>
            new() { AccountKey = a, OtherAccountKey = a + 1, Weight = weight, IsStrong = strong, EvidenceJson = evidence };

        var first = new DetectionWrite();
        first.Links.AddRange(Enumerable.Range(1, 6).Select(a => Link(a, 0.5, $$"""[{"type":"payment","shared":"card-{{a}}","note":"café ☕"}]""")));
        await Store.WriteAsync(first, default);
        Assert.Equal(6, Logged("link").Count);

        // 1 and 6 as stored; 2 with other evidence (one character, past the ASCII range), 3 another weight, 4 no longer
        // strong, 5 gone; 7 new.
        Execute("""DELETE FROM "WriteLog";""");
        var next = new DetectionWrite();
        next.Links.AddRange([
            Link(1, 0.5, """[{"type":"payment","shared":"card-1","note":"café ☕"}]"""),
            Link(2, 0.5, """[{"type":"payment","shared":"card-2","note":"cafè ☕"}]"""),
            Link(3, 0.75, """[{"type":"payment","shared":"card-3","note":"café ☕"}]"""),
            Link(4, 0.5, """[{"type":"payment","shared":"card-4","note":"café ☕"}]""", strong: false),
            Link(6, 0.5, """[{"type":"payment","shared":"card-6","note":"café ☕"}]"""),
            Link(7, 0.25, "[]"),
        ]);
        await Store.WriteAsync(next, default);

        Assert.Equal([2, 3, 4, 7], Logged("link"));
        using var command = new SqliteCommand("""SELECT "AccountKey", "Weight", "IsStrong", "EvidenceJson" FROM "ClusterLinks" ORDER BY "AccountKey" """, _connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(int, double, bool, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt32(0), reader.GetDouble(1), reader.GetBoolean(2), reader.GetString(3)));
        }

        Assert.Equal(next.Links.Select(l => (l.AccountKey, l.Weight, l.IsStrong, l.EvidenceJson)), rows);
    }

    [Fact]
    public async Task WriteAsync_LinkDeltaFromTheRunWhoseLinksItHolds_IsAppliedOtherwiseEveryLinkIsCompared()
    {
        static ClusterLink Link(int a, double weight) => new() { AccountKey = a, OtherAccountKey = a + 1, Weight = weight, IsStrong = true, EvidenceJson = "[]" };
        static DetectionWrite Run(long run, IEnumerable<ClusterLink> links, LinkDelta? delta = null)
        {
            var write = new DetectionWrite { LinkDelta = delta };
            write.Clusters.AddRange([new Cluster { Id = "CL-a", RunId = run, Size = 2 }, new Cluster { Id = "CL-b", RunId = run, Size = 2 }]);
            write.Links.AddRange(links);
            return write;
        }

        await Store.WriteAsync(Run(1, Enumerable.Range(1, 6).Select(a => Link(a, 0.5))), default);

        // Links 2 and 5 changed. The deltas below name only link 2, so the rows written tell which way the store went.
        ClusterLink[] next = [Link(1, 0.5), Link(2, 0.75), Link(3, 0.5), Link(4, 0.5), Link(5, 0.25), Link(6, 0.5)];
        LinkDelta Delta(long since, int count) => new(since, count, [(2, 3)], [next[1]]);

        // Another run's links, or as many links as no run wrote: every link is compared.
        foreach (var (since, count) in new[] { (7L, 6), (1L, 5) })
        {
            Execute("""DELETE FROM "WriteLog";""");
            await Store.WriteAsync(Run(2, next, Delta(since, count)), default);
            Assert.Equal([2, 5], Logged("link"));
            await Store.WriteAsync(Run(1, Enumerable.Range(1, 6).Select(a => Link(a, 0.5))), default);
        }

        // The links run 1 wrote: the delta is applied as it is.
        Execute("""DELETE FROM "WriteLog";""");
        await Store.WriteAsync(Run(2, next, Delta(1, 6)), default);
        Assert.Equal([2], Logged("link"));
        using var command = new SqliteCommand("""SELECT "AccountKey", "Weight" FROM "ClusterLinks" ORDER BY "AccountKey" """, _connection);
        using var reader = command.ExecuteReader();
        var rows = new List<(int, double)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt32(0), reader.GetDouble(1)));
        }

        Assert.Equal([(1, 0.5), (2, 0.75), (3, 0.5), (4, 0.5), (5, 0.5), (6, 0.5)], rows);
    }

    private static void AssertRow(long number, byte[] data, (long Number, byte[] Data) stored)
    {
        Assert.Equal(number, stored.Number);
        Assert.Equal(data, stored.Data);
    }

    private static AccountAnalysisSnapshot Analysis(int key, long stamp, byte[] data) => new() { AccountKey = key, Stamp = stamp, Basis = 7, Data = data };

    private static AccountAnalysisState State(int key, long throughSeq, byte[] data) => new() { AccountKey = key, Basis = 7, ThroughSeq = throughSeq, Data = data };

    /// <summary>Bytes that differ from one seed to the next somewhere past their start.</summary>
    private static byte[] Bytes(int seed, int length) => Enumerable.Range(0, length).Select(i => (byte)((seed * 31) + (i * 7) + (i == length - 2 ? seed : 0))).ToArray();

    private void Execute(string sql)
    {
        using var command = new SqliteCommand(sql, _connection);
        command.ExecuteNonQuery();
    }

    private List<int> Logged(string kind)
    {
        using var command = new SqliteCommand("""SELECT "AccountKey" FROM "WriteLog" WHERE "Kind" = @kind ORDER BY rowid""", _connection);
        command.Parameters.AddWithValue("@kind", kind);
        using var reader = command.ExecuteReader();
        var keys = new List<int>();
        while (reader.Read())
        {
            keys.Add(reader.GetInt32(0));
        }

        return keys;
    }

    private Dictionary<int, (long Number, byte[] Data)> Stored(string sql)
    {
        using var command = new SqliteCommand(sql, _connection);
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<int, (long, byte[])>();
        while (reader.Read())
        {
            rows[reader.GetInt32(0)] = (reader.GetInt64(1), reader.GetFieldValue<byte[]>(2));
        }

        return rows;
    }
}

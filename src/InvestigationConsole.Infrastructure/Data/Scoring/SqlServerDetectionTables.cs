using System.Data;
using System.Globalization;
using InvestigationConsole.Application.Scoring;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>The row shapes SqlBulkCopy sends for a detection run (identity columns left to the server).</summary>
internal static class SqlServerDetectionTables
{
    public const string MergeAnalysesSql = """
        MERGE [AccountAnalyses] WITH (HOLDLOCK) AS a
        USING [#Analyses] AS s ON a.[AccountKey] = s.[AccountKey]
        WHEN MATCHED THEN UPDATE SET a.[Stamp] = s.[Stamp], a.[Basis] = s.[Basis], a.[Data] = s.[Data]
        WHEN NOT MATCHED THEN INSERT ([AccountKey], [Stamp], [Basis], [Data]) VALUES (s.[AccountKey], s.[Stamp], s.[Basis], s.[Data]);
        DROP TABLE [#Analyses];
        """;

    public const string CreateStatesSql =
        "CREATE TABLE [#States] ([AccountKey] int NOT NULL PRIMARY KEY, [Basis] bigint NOT NULL, [ThroughSeq] bigint NOT NULL, [Data] varbinary(max) NOT NULL)";

    public const string MergeStatesSql = """
        MERGE [AccountAnalysisStates] WITH (HOLDLOCK) AS a
        USING [#States] AS s ON a.[AccountKey] = s.[AccountKey]
        WHEN MATCHED THEN UPDATE SET a.[Basis] = s.[Basis], a.[ThroughSeq] = s.[ThroughSeq], a.[Data] = s.[Data]
        WHEN NOT MATCHED THEN INSERT ([AccountKey], [Basis], [ThroughSeq], [Data]) VALUES (s.[AccountKey], s.[Basis], s.[ThroughSeq], s.[Data]);
        DROP TABLE [#States];
        """;

    public static string RemoveStatesOfOtherBasisSql(long basis) =>
        $"DELETE FROM [AccountAnalysisStates] WHERE [Basis] <> {basis.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Changed score rows land in a session table shaped like the real one, then replace their stored rows.</summary>
    public const string CreateScoresSql = "SELECT TOP 0 * INTO [#Scores] FROM [AccountRiskScores]";

    public const string ApplyScoresSql = """
        DELETE s FROM [AccountRiskScores] AS s WHERE EXISTS (SELECT 1 FROM [#Scores] AS n WHERE n.[AccountKey] = s.[AccountKey]);
        INSERT INTO [AccountRiskScores] ([AccountKey], [Score], [Flagged], [ScoreBeforeCluster], [ClusterId], [TopSignals], [SignalsJson],
            [CorroboratingFamilies], [ComputedAt], [RunId], [FirstFlaggedAt], [ContentHash])
        SELECT [AccountKey], [Score], [Flagged], [ScoreBeforeCluster], [ClusterId], [TopSignals], [SignalsJson],
            [CorroboratingFamilies], [ComputedAt], [RunId], [FirstFlaggedAt], [ContentHash] FROM [#Scores];
        DROP TABLE [#Scores];
        """;

    public const string CreateAnalysesSql =
        "CREATE TABLE [#Analyses] ([AccountKey] int NOT NULL PRIMARY KEY, [Stamp] bigint NOT NULL, [Basis] bigint NOT NULL, [Data] varbinary(max) NOT NULL)";

    public static IEnumerable<(string Table, DataTable Rows)> Tables(DetectionWrite write)
    {
        var scores = Table(("AccountKey", typeof(int)), ("Score", typeof(double)), ("Flagged", typeof(bool)), ("ScoreBeforeCluster", typeof(double)),
            ("ClusterId", typeof(string)), ("TopSignals", typeof(string)), ("SignalsJson", typeof(string)), ("CorroboratingFamilies", typeof(string)),
            ("ComputedAt", typeof(DateTimeOffset)), ("RunId", typeof(long)), ("FirstFlaggedAt", typeof(DateTimeOffset)), ("ContentHash", typeof(long)));
        foreach (var s in write.Scores)
        {
            scores.Rows.Add(s.AccountKey, s.Score, s.Flagged, s.ScoreBeforeCluster, (object?)s.ClusterId ?? DBNull.Value, s.TopSignals, s.SignalsJson,
                s.CorroboratingFamilies, s.ComputedAt, s.RunId, (object?)s.FirstFlaggedAt ?? DBNull.Value, s.ContentHash);
        }

        var changes = Table(("AccountKey", typeof(int)), ("At", typeof(DateTimeOffset)), ("Score", typeof(double)), ("Flagged", typeof(bool)),
            ("RunId", typeof(long)), ("Reason", typeof(string)));
        foreach (var c in write.Changes)
        {
            changes.Rows.Add(c.AccountKey, c.At, c.Score, c.Flagged, c.RunId, c.Reason);
        }

        var clusters = Table(("Id", typeof(string)), ("Risk", typeof(double)), ("Size", typeof(int)), ("IsCampaign", typeof(bool)),
            ("DominantLinkTypes", typeof(string)), ("SharedAttributesJson", typeof(string)), ("Description", typeof(string)),
            ("FirstActivityAt", typeof(DateTimeOffset)), ("LastActivityAt", typeof(DateTimeOffset)), ("RunId", typeof(long)));
        foreach (var c in write.Clusters)
        {
            clusters.Rows.Add(c.Id, c.Risk, c.Size, c.IsCampaign, c.DominantLinkTypes, c.SharedAttributesJson, c.Description,
                (object?)c.FirstActivityAt ?? DBNull.Value, (object?)c.LastActivityAt ?? DBNull.Value, c.RunId);
        }

        var members = Table(("AccountKey", typeof(int)), ("ClusterId", typeof(string)));
        foreach (var m in write.Members)
        {
            members.Rows.Add(m.AccountKey, m.ClusterId);
        }

        var links = Table(("AccountKey", typeof(int)), ("OtherAccountKey", typeof(int)), ("Weight", typeof(double)), ("IsStrong", typeof(bool)),
            ("EvidenceJson", typeof(string)));
        foreach (var l in write.Links)
        {
            links.Rows.Add(l.AccountKey, l.OtherAccountKey, l.Weight, l.IsStrong, l.EvidenceJson);
        }

        var analyses = Table(("AccountKey", typeof(int)), ("Stamp", typeof(long)), ("Basis", typeof(long)), ("Data", typeof(byte[])));
        foreach (var a in write.Analyses)
        {
            analyses.Rows.Add(a.AccountKey, a.Stamp, a.Basis, a.Data);
        }

        var states = Table(("AccountKey", typeof(int)), ("Basis", typeof(long)), ("ThroughSeq", typeof(long)), ("Data", typeof(byte[])));
        foreach (var s in write.States)
        {
            states.Rows.Add(s.AccountKey, s.Basis, s.ThroughSeq, s.Data);
        }

        return
        [
            ("#Scores", scores), ("AccountScoreChanges", changes), ("Clusters", clusters), ("ClusterMembers", members),
            ("ClusterLinks", links), ("#Analyses", analyses), ("#States", states),
        ];
    }

    /// <summary>Deletes of the removed accounts' scores, a thousand keys per statement (integers, so no parameters needed).</summary>
    public static IEnumerable<string> RemoveScoresSql(IReadOnlyList<int> keys) =>
        keys.Chunk(1000).Select(chunk => $"DELETE FROM [AccountRiskScores] WHERE [AccountKey] IN ({string.Join(',', chunk.Select(k => k.ToString(CultureInfo.InvariantCulture)))})");

    private static DataTable Table(params (string Name, Type Type)[] columns)
    {
        var table = new DataTable();
        foreach (var (name, type) in columns)
        {
            table.Columns.Add(name, type);
        }

        return table;
    }
}

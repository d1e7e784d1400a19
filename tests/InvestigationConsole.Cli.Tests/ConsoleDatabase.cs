using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InvestigationConsole.Infrastructure.Data.Ingestion;
using Microsoft.Data.Sqlite;

namespace InvestigationConsole.Cli.Tests;

/// <summary>Reads the SQLite database a CLI run left in its data folder, without writing to it.</summary>
internal static class ConsoleDatabase
{
    /// <summary>Queries whose results together describe everything ingestion writes; equal digests mean equal ingest outcomes.</summary>
    private static readonly string[] DigestQueries =
    [
        """SELECT count(*), total("Key" % 1000003), total("Day"), total("AccountKey"), total("Timestamp" % 1000003), total("InputTokens"), total("Traits"), total("PromptLength") FROM "Requests" """,
        """SELECT "FileName", "Status", "LinesRead", "Accepted", "Duplicates", "Rejected", "CheckpointLine" FROM "IngestFiles" ORDER BY "Id" """,
        """SELECT count(*), total("IsPlaceholder"), total("RequestCount"), total("PromptsSeen"), total("FirstRequestAt" % 1000003), total("LastRequestAt" % 1000003) FROM "Accounts" """,
        """SELECT count(*), total("Requests"), total("InputTokens"), total("OutputTokens"), total("ToolRequests"), total("ErrorRequests"), total("IpBits" % 1000003) FROM "AccountActivityHours" """,
        """SELECT count(*), total("Requests"), total("FirstSeenAt" % 1000003), total("LastSeenAt" % 1000003) FROM "AccountAddresses" """,
        """SELECT count(*), group_concat("Key", ',') FROM (SELECT "AccountKey" || ':' || "Slot" || ':' || "RequestId" AS "Key" FROM "PromptSamples" ORDER BY "AccountKey", "Slot")""",
        """SELECT count(*), group_concat("Kind" || ':' || "Value", ',') FROM (SELECT * FROM "LookupValues" ORDER BY "Id")""",
        """SELECT count(*), group_concat("LineNumber" || ':' || "Reason", ',') FROM (SELECT * FROM "QuarantinedLines" ORDER BY "LineNumber")""",
    ];

    public static SqliteConnection Open(string dataFolder)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataFolder, "investigation-console.db"),
            Mode = SqliteOpenMode.ReadWrite, // never create it: the CLI under test does
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static long Scalar(string dataFolder, string sql) => long.Parse(Text(dataFolder, sql), CultureInfo.InvariantCulture);

    public static string Text(string dataFolder, string sql)
    {
        using var connection = Open(dataFolder);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>The ledger's checkpoint of a file, or null while the database or the row does not exist yet.</summary>
    public static long? Checkpoint(string dataFolder, string fileName)
    {
        try
        {
            using var connection = Open(dataFolder);
            using var command = connection.CreateCommand();
            command.CommandText = """SELECT "CheckpointLine" FROM "IngestFiles" WHERE "FileName" = $name""";
            command.Parameters.AddWithValue("$name", fileName);
            return command.ExecuteScalar() is long line ? line : null;
        }
        catch (SqliteException)
        {
            return null; // not created, or still being migrated by the process under test
        }
    }

    /// <summary>
    /// The digest of what ingestion wrote, the rollups' two tiers taken as one: they are merged in a transaction that is
    /// rolled back (the tiers split differently in runs that stopped at different points; their sum may not).
    /// </summary>
    public static IReadOnlyList<string> Digest(string dataFolder)
    {
        using var connection = Open(dataFolder);
        using var merged = connection.BeginTransaction();
        SqliteBatchWriter.MergeRecentTier(connection, merged);
        var digest = new List<string>();
        foreach (var sql in DigestQueries)
        {
            using var command = connection.CreateCommand();
            command.Transaction = merged;
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                var row = string.Join(" | ", values);
                digest.Add(row.Length <= 200 ? row : $"{row.Length} chars, SHA-256 {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(row)))}");
            }
        }

        return digest;
    }
}

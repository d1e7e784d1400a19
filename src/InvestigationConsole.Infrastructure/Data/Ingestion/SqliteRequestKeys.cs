using InvestigationConsole.Infrastructure.Data.Scoring;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Column = InvestigationConsole.Infrastructure.Data.Scoring.SqliteColumns;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>
/// The stored requests' keys after an arrival sequence, read on SQLite's native statement. A process's first ingest
/// reads every key (16M at the seed's size), and ADO.NET's asynchronous read per row and handle bookkeeping per value
/// cost more than SQLite's scan: a one-line file into the seed's database took 28 s in a new process, half of it here.
/// </summary>
internal static class SqliteRequestKeys
{
    /// <summary>Streams the keys in arrival order; returns the highest sequence read (<paramref name="afterSeq"/> when none).</summary>
    public static long Read(SqliteConnection connection, long afterSeq, Action<long> onKey, CancellationToken cancellationToken)
    {
        using var own = SqliteNative.OpenReadOnlyWithoutMutex(connection);
        var db = own ?? connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        using var statement = SqliteNative.Prepare(db, """SELECT "Seq", "Key" FROM "Requests" WHERE "Seq" > ?1 ORDER BY "Seq" """);
        SqliteNative.Check(db, raw.sqlite3_bind_int64(statement, 1, afterSeq));
        var row = statement.DangerousGetHandle();
        var through = afterSeq;
        var rows = 0;
        while (SqliteNative.Step(db, statement))
        {
            if ((++rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            through = Column.Int64(row, 0);
            onKey(Column.Int64(row, 1));
        }

        return through;
    }
}

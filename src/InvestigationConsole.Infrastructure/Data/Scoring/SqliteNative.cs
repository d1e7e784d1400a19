using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>The few calls detection's native SQLite readers share: a failed call becomes the <see cref="SqliteException"/> ADO.NET would throw.</summary>
internal static class SqliteNative
{
    public static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    /// <summary>Steps the statement: true on a row, false when done.</summary>
    public static bool Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc is raw.SQLITE_ROW or raw.SQLITE_DONE)
        {
            return rc == raw.SQLITE_ROW;
        }

        SqliteException.ThrowExceptionForRC(rc, db);
        return false;
    }

    public static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    /// <summary>
    /// A read-only connection of its own to the same file, opened without SQLite's connection mutex: every column
    /// accessor takes and releases that mutex (30 times a row, a tenth of the scan), and this connection is used by one
    /// thread only. Null for a database without a file (in memory), which is then read through the given connection.
    /// </summary>
    public static sqlite3? OpenReadOnlyWithoutMutex(SqliteConnection connection)
    {
        var path = raw.sqlite3_db_filename(connection.Handle!, "main").utf8_to_string();
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READONLY | raw.SQLITE_OPEN_NOMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            using (db)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }

        Check(db, raw.sqlite3_busy_timeout(db, 30_000));
        return db;
    }
}

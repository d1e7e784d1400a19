using System.Data.Common;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Fingerprints;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// Runs a request-row query of <see cref="DetectionReader"/> on SQLite's native statement: a full recompute reads
/// every stored request, and ADO.NET's per-value overhead (boxing, type checks, a new string per address) would cost
/// more than SQLite's scan itself. Addresses repeat heavily, so each distinct one becomes one string.
/// </summary>
internal static class SqliteRequestRows
{
    public static void Read(DbCommand command, Action<StoredRequest> onRow, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)command.Connection!;
        var db = connection.Handle!;
        Check(db, raw.sqlite3_prepare_v2(db, command.CommandText, out var statement));
        using (statement)
        {
            foreach (DbParameter parameter in command.Parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
                Check(db, raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(parameter.Value, System.Globalization.CultureInfo.InvariantCulture)));
            }

            var strings = new Dictionary<string, string>(StringComparer.Ordinal);
            var lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
            var buffer = new char[64];
            var rows = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var sketch = raw.sqlite3_column_blob(statement, 5);
                onRow(new StoredRequest(
                    raw.sqlite3_column_int(statement, 0),
                    new DateTimeOffset(raw.sqlite3_column_int64(statement, 1), TimeSpan.Zero),
                    raw.sqlite3_column_int64(statement, 2),
                    raw.sqlite3_column_int64(statement, 3),
                    raw.sqlite3_column_int(statement, 4),
                    sketch.Length >= TemplateSketch.ByteLength ? TemplateSketch.Read(sketch) : TemplateSketch.Empty,
                    raw.sqlite3_column_int(statement, 6),
                    Text(statement, 7),
                    Text(statement, 8),
                    raw.sqlite3_column_int(statement, 9),
                    NullableInt(statement, 10),
                    NullableInt(statement, 11),
                    raw.sqlite3_column_int(statement, 12) > 0));
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }

            string Text(sqlite3_stmt stmt, int column)
            {
                var utf8 = raw.sqlite3_column_blob(stmt, column);
                if (utf8.Length > buffer.Length)
                {
                    return System.Text.Encoding.UTF8.GetString(utf8);
                }

                var length = System.Text.Encoding.UTF8.GetChars(utf8, buffer);
                var chars = buffer.AsSpan(0, length);
                if (lookup.TryGetValue(chars, out var known))
                {
                    return known;
                }

                var text = chars.ToString();
                strings[text] = text;
                return text;
            }
        }
    }

    private static int? NullableInt(sqlite3_stmt statement, int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int(statement, column);

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}

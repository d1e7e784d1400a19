using System.Data.Common;
using InvestigationConsole.Detection.Fingerprints;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// Runs a request-row query of <see cref="DetectionReader"/> on SQLite's native statement: a full recompute reads
/// every stored request, and ADO.NET's per-value overhead (boxing, type checks, a new string per address) would cost
/// more than SQLite's scan itself. Addresses repeat heavily, so they are looked up by their UTF-8 bytes in the
/// grouping's text ids and only a new one becomes a string; rows of accounts not asked for are skipped undecoded.
/// </summary>
internal static class SqliteRequestRows
{
    public static void Read(DbCommand command, RequestsByAccount into, CancellationToken cancellationToken)
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

            var rows = 0;
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var account = raw.sqlite3_column_int(statement, 0);
                if (!into.Wants(account))
                {
                    continue;
                }

                var sketch = raw.sqlite3_column_blob(statement, 5);
                into.Add(new RequestsByAccount.PackedRow
                {
                    AccountKey = account,
                    Ticks = raw.sqlite3_column_int64(statement, 1),
                    InputTokens = raw.sqlite3_column_int64(statement, 2),
                    OutputTokens = raw.sqlite3_column_int64(statement, 3),
                    Traits = raw.sqlite3_column_int(statement, 4),
                    Sketch = sketch.Length >= TemplateSketch.ByteLength ? TemplateSketch.Read(sketch) : TemplateSketch.Empty,
                    ToolCount = raw.sqlite3_column_int(statement, 6),
                    Ip = into.Texts.IdOf(raw.sqlite3_column_blob(statement, 7)),
                    IpPrefix = into.Texts.IdOf(raw.sqlite3_column_blob(statement, 8)),
                    ModelId = raw.sqlite3_column_int(statement, 9),
                    UserAgentId = NullableInt(statement, 10),
                    EndpointId = NullableInt(statement, 11),
                    HasPrompt = raw.sqlite3_column_int(statement, 12) > 0,
                });
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }
        }
    }

    private static int NullableInt(sqlite3_stmt statement, int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? RequestsByAccount.PackedRow.NoId : raw.sqlite3_column_int(statement, column);

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}

using System.Data.Common;
using InvestigationConsole.Detection.Fingerprints;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static InvestigationConsole.Infrastructure.Data.Scoring.SqliteNative;
using Column = InvestigationConsole.Infrastructure.Data.Scoring.SqliteColumns;

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
        using var own = OpenReadOnlyWithoutMutex(connection);
        var db = own ?? connection.Handle!;
        var statement = Prepare(db, command.CommandText);
        using (statement)
        {
            foreach (DbParameter parameter in command.Parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
                Check(db, raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(parameter.Value, System.Globalization.CultureInfo.InvariantCulture)));
            }

            var rows = 0;
            int rc;
            var stmt = statement.DangerousGetHandle();
            var texts = into.Texts;

            // A row's addresses are looked up in the id table (hundreds of MB, a cache miss each) one row late: their
            // slots are prefetched while SQLite steps to the next row. Rows and new ids keep their order.
            var pending = default(RequestsByAccount.PackedRow);
            var (pendingIp, pendingPrefix) = (new PendingText(), new PendingText());
            var hasPending = false;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var account = Column.Int(stmt, 0);
                if (!into.Wants(account))
                {
                    continue;
                }

                if (hasPending)
                {
                    Complete(ref pending, pendingIp, pendingPrefix, into);
                }

                var sketch = Column.Bytes(stmt, 5);
                pending = new RequestsByAccount.PackedRow
                {
                    AccountKey = account,
                    Ticks = Column.Int64(stmt, 1),
                    InputTokens = Column.Int64(stmt, 2),
                    OutputTokens = Column.Int64(stmt, 3),
                    Traits = Column.Int(stmt, 4),
                    Sketch = sketch.Length >= TemplateSketch.ByteLength ? TemplateSketch.Read(sketch) : TemplateSketch.Empty,
                    ToolCount = Column.Int(stmt, 6),
                    ModelId = Column.Int(stmt, 9),
                    UserAgentId = NullableInt(stmt, 10),
                    EndpointId = NullableInt(stmt, 11),
                    HasPrompt = Column.Int(stmt, 12) > 0,
                };
                pendingIp.Set(Column.Bytes(stmt, 7), texts);
                pendingPrefix.Set(Column.Bytes(stmt, 8), texts);
                hasPending = true;
            }

            if (hasPending)
            {
                Complete(ref pending, pendingIp, pendingPrefix, into);
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }
        }
    }

    private static void Complete(ref RequestsByAccount.PackedRow row, PendingText ip, PendingText prefix, RequestsByAccount into)
    {
        row.Ip = into.Texts.IdOf(ip.Bytes, ip.Hash);
        row.IpPrefix = into.Texts.IdOf(prefix.Bytes, prefix.Hash);
        into.Add(row);
    }

    /// <summary>A text of the row waiting for its id: a copy of its bytes (SQLite's are gone after the next step) and its hash.</summary>
    private sealed class PendingText
    {
        private byte[] _buffer = new byte[64];
        private int _length;

        public ulong Hash { get; private set; }

        public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

        public void Set(ReadOnlySpan<byte> text, TextIds texts)
        {
            if (text.Length > _buffer.Length)
            {
                _buffer = new byte[Math.Max(text.Length, _buffer.Length * 2)];
            }

            text.CopyTo(_buffer);
            _length = text.Length;
            Hash = TextIds.HashOf(text);
            texts.Prefetch(Hash);
        }
    }

    private static int NullableInt(IntPtr statement, int column) =>
        Column.Type(statement, column) == raw.SQLITE_NULL ? RequestsByAccount.PackedRow.NoId : Column.Int(statement, column);
}

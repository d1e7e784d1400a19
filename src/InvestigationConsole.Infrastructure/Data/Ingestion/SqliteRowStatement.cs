using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>
/// A prepared statement bound by position with typed values: the hot path of the SQLite ingest, where ADO.NET parameters
/// (boxing, type inference, re-binding every value) cost more than SQLite's own work. Runs inside whatever transaction
/// the connection has open.
/// <para>
/// Values are bound on the statement's pointer, as <see cref="Scoring.SqliteColumns"/> reads them: through SQLitePCL
/// each call takes and releases the statement's SafeHandle, switches GC mode, and encodes a text into a new array, which
/// together cost about as much as SQLite's insert of the row (a request row makes 21 such calls). Texts are encoded
/// into one reused buffer and copied by SQLite (<c>SQLITE_TRANSIENT</c>), so no buffer has to outlive its call.
/// </para>
/// </summary>
internal sealed unsafe partial class SqliteRowStatement : IDisposable
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLite's <c>SQLITE_TRANSIENT</c>: the value is copied before the bind returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private byte[] _text = new byte[1024];

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        if (rc != raw.SQLITE_OK || statement is null)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new InvalidOperationException($"SQLite prepared no statement (code {rc}).");
        }

        // The statement's handle is held until Dispose, so its pointer stays valid for every call below.
        _statement = statement;
        _handle = statement.DangerousGetHandle();
    }

    public SqliteRowStatement Bind(int index, long value)
    {
        Check(sqlite3_bind_int64(_handle, index, value));
        return this;
    }

    public SqliteRowStatement Bind(int index, long? value) => value is { } v ? Bind(index, v) : Null(index);

    public SqliteRowStatement Bind(int index, string? value)
    {
        if (value is null)
        {
            return Null(index);
        }

        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_text.Length < max)
        {
            _text = new byte[Math.Max(max, _text.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(value, _text);
        fixed (byte* text = _text)
        {
            Check(sqlite3_bind_text(_handle, index, text, length, Transient));
        }

        return this;
    }

    public SqliteRowStatement Bind(int index, byte[]? value)
    {
        if (value is null)
        {
            return Null(index);
        }

        // A pointer to an empty array may be null, which SQLite would store as NULL: an empty blob gets a real address.
        byte empty = 0;
        fixed (byte* blob = value)
        {
            Check(sqlite3_bind_blob(_handle, index, value.Length == 0 ? &empty : blob, value.Length, Transient));
        }

        return this;
    }

    public SqliteRowStatement Null(int index)
    {
        Check(sqlite3_bind_null(_handle, index));
        return this;
    }

    /// <summary>Runs the statement once with the bound values, then readies it for the next row.</summary>
    public void Execute()
    {
        var rc = sqlite3_step(_handle);
        sqlite3_reset(_handle);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    // The binds and the reset only copy values into the statement (no callbacks, no I/O): no GC transition is needed.
    // The step runs the statement (B-tree work, reads and writes), so it keeps the normal transition.
    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_bind_int64(IntPtr statement, int index, long value);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_bind_null(IntPtr statement, int index);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_bind_text(IntPtr statement, int index, byte* text, int length, IntPtr destructor);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_bind_blob(IntPtr statement, int index, byte* blob, int length, IntPtr destructor);

    [LibraryImport(Library)]
    private static partial int sqlite3_step(IntPtr statement);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_reset(IntPtr statement);
}

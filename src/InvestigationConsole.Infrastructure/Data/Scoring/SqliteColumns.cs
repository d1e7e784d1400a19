using System.Runtime.InteropServices;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// SQLite's column accessors called directly on the statement's pointer: through SQLitePCL each call takes and
/// releases the statement's SafeHandle and switches GC mode, which cost more than the accessor itself (a request row
/// makes 15 such calls, a registry row 20).
/// They only read the current row (no callbacks, no blocking), so the GC transition can be suppressed. The statement
/// must stay open while they are used.
/// </summary>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    public static ReadOnlySpan<byte> Bytes(IntPtr statement, int column)
    {
        // sqlite3_column_bytes after sqlite3_column_blob, as SQLite's documentation asks.
        var data = sqlite3_column_blob(statement, column);
        return data is null ? [] : new ReadOnlySpan<byte>(data, sqlite3_column_bytes(statement, column));
    }

    public static int Int(IntPtr statement, int column) => sqlite3_column_int(statement, column);

    public static long Int64(IntPtr statement, int column) => sqlite3_column_int64(statement, column);

    public static int Type(IntPtr statement, int column) => sqlite3_column_type(statement, column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_int(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial long sqlite3_column_int64(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_type(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial byte* sqlite3_column_blob(IntPtr statement, int column);

    [LibraryImport(Library), SuppressGCTransition]
    private static partial int sqlite3_column_bytes(IntPtr statement, int column);
}

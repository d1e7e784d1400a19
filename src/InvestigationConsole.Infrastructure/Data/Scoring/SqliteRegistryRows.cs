using System.Data.Common;
using System.Text;
using InvestigationConsole.Domain.Accounts;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static InvestigationConsole.Infrastructure.Data.Scoring.SqliteNative;
using Column = InvestigationConsole.Infrastructure.Data.Scoring.SqliteColumns;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// Reads the registry as <see cref="DetectionReader.ReadAccountsAsync"/> does, on SQLite's native statement: every run
/// starts by reading all accounts (226,070 at the seed's scale), and through ADO.NET each of their three times is boxed
/// and every value goes through type checks, a second or more of each incremental run.
/// </summary>
/// <remarks>
/// Given the registry as the process's last run read it, a row whose every column equals its account there is that
/// very object again, and a row whose traffic totals alone moved shares its texts: between two incremental runs only
/// the touched accounts' totals change, and decoding every other account's six texts again was a fifth of the read at
/// the seed's scale (SQLitePCL's per-call overhead, now avoided by <see cref="SqliteColumns"/>, was a third).
/// </remarks>
internal static class SqliteRegistryRows
{
    public static List<Account> Read(DbConnection connection, IReadOnlyList<Account>? earlier, CancellationToken cancellationToken)
    {
        var db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The connection is not open.");
        var statement = Prepare(db, DetectionReader.AccountsQuery(name => $"\"{name}\""));
        var accounts = new List<Account>(earlier?.Count ?? 0);
        var next = 0;
        using (statement)
        {
            var row = statement.DangerousGetHandle();
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((accounts.Count & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var key = Column.Int(row, 0);

                // Both are in key order: the earlier account of this key, if any, is at or after the last one matched.
                while (earlier is not null && next < earlier.Count && earlier[next].Key < key)
                {
                    next++;
                }

                var known = earlier is not null && next < earlier.Count && earlier[next].Key == key ? earlier[next] : null;
                if (known is null || !SameRegistry(row, known))
                {
                    accounts.Add(Decode(row, key));
                }
                else
                {
                    accounts.Add(SameTraffic(row, known) ? known : WithTraffic(row, known));
                }
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }
        }

        return accounts;
    }

    private static Account Decode(IntPtr statement, int key) => new()
    {
        Key = key,
        AccountId = Text(statement, 1) ?? throw new InvalidCastException("An account without an id."),
        IsPlaceholder = Column.Int64(statement, 2) != 0,
        OrgId = Text(statement, 3),
        CreatedAt = Time(statement, 4),
        EmailDomain = Text(statement, 5),
        PaymentFingerprint = Text(statement, 6),
        SignupIp = Text(statement, 7),
        SignupPrefix = Text(statement, 8),
        Verification = (IdentityVerification)Column.Int(statement, 9),
        Tier = (UsageTier)Column.Int(statement, 10),
        RequestCount = Column.Int64(statement, 11),
        FirstRequestAt = Time(statement, 12),
        LastRequestAt = Time(statement, 13),
    };

    /// <summary>The earlier account's registry columns with the row's traffic totals: its texts are shared, not decoded again.</summary>
    private static Account WithTraffic(IntPtr statement, Account known) => new()
    {
        Key = known.Key,
        AccountId = known.AccountId,
        IsPlaceholder = known.IsPlaceholder,
        OrgId = known.OrgId,
        CreatedAt = known.CreatedAt,
        EmailDomain = known.EmailDomain,
        PaymentFingerprint = known.PaymentFingerprint,
        SignupIp = known.SignupIp,
        SignupPrefix = known.SignupPrefix,
        Verification = known.Verification,
        Tier = known.Tier,
        RequestCount = Column.Int64(statement, 11),
        FirstRequestAt = Time(statement, 12),
        LastRequestAt = Time(statement, 13),
    };

    private static bool SameRegistry(IntPtr statement, Account known) =>
        SameText(statement, 1, known.AccountId)
        && (Column.Int64(statement, 2) != 0) == known.IsPlaceholder
        && SameText(statement, 3, known.OrgId)
        && SameTime(statement, 4, known.CreatedAt)
        && SameText(statement, 5, known.EmailDomain)
        && SameText(statement, 6, known.PaymentFingerprint)
        && SameText(statement, 7, known.SignupIp)
        && SameText(statement, 8, known.SignupPrefix)
        && Column.Int(statement, 9) == (int)known.Verification
        && Column.Int(statement, 10) == (int)known.Tier;

    private static bool SameTraffic(IntPtr statement, Account known) =>
        Column.Int64(statement, 11) == known.RequestCount
        && SameTime(statement, 12, known.FirstRequestAt)
        && SameTime(statement, 13, known.LastRequestAt);

    /// <summary>
    /// Whether a text column holds exactly <paramref name="text"/>, without making a string of it: an ASCII value (ids,
    /// domains, addresses, fingerprints) is compared byte for char; any other is decoded and compared.
    /// </summary>
    private static bool SameText(IntPtr statement, int column, string? text)
    {
        if (Column.Type(statement, column) == raw.SQLITE_NULL)
        {
            return text is null;
        }

        if (text is null)
        {
            return false;
        }

        var bytes = Column.Bytes(statement, column);
        if (bytes.Length == text.Length)
        {
            var k = 0;
            while (k < bytes.Length && bytes[k] < 0x80 && bytes[k] == text[k])
            {
                k++;
            }

            if (k == bytes.Length)
            {
                return true;
            }
        }

        return Encoding.UTF8.GetString(bytes) == text;
    }

    /// <summary>Whether a time column holds <paramref name="time"/> as <see cref="Time"/> would read it (UTC ticks, offset zero).</summary>
    private static bool SameTime(IntPtr statement, int column, DateTimeOffset? time) => Column.Type(statement, column) switch
    {
        raw.SQLITE_NULL => time is null,
        raw.SQLITE_INTEGER => time is { Offset.Ticks: 0 } t && t.UtcTicks == Column.Int64(statement, column),
        _ => false,
    };

    private static string? Text(IntPtr statement, int column) =>
        Column.Type(statement, column) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(Column.Bytes(statement, column));

    /// <summary>A time as the ADO.NET read gives it: stored as UTC ticks.</summary>
    private static DateTimeOffset? Time(IntPtr statement, int column) => Column.Type(statement, column) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => new DateTimeOffset(Column.Int64(statement, column), TimeSpan.Zero),
        var type => throw new InvalidCastException($"Unexpected time value of SQLite type {type}."),
    };
}

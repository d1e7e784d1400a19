using System.Data.Common;
using System.Text;
using InvestigationConsole.Domain.Accounts;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static InvestigationConsole.Infrastructure.Data.Scoring.SqliteNative;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// Reads the registry as <see cref="DetectionReader.ReadAccountsAsync"/> does, on SQLite's native statement: every run
/// starts by reading all accounts (226,070 at the seed's scale), and through ADO.NET each of their three times is boxed
/// and every value goes through type checks, a second or more of each incremental run.
/// </summary>
/// <remarks>
/// Given the registry as the process's last run read it, a row whose every column equals its account there is that
/// very object again, and a row whose traffic totals alone moved shares its texts: between two incremental runs only
/// the touched accounts' totals change, and decoding every other account's six texts again was most of the read.
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
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((accounts.Count & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var key = raw.sqlite3_column_int(statement, 0);

                // Both are in key order: the earlier account of this key, if any, is at or after the last one matched.
                while (earlier is not null && next < earlier.Count && earlier[next].Key < key)
                {
                    next++;
                }

                var known = earlier is not null && next < earlier.Count && earlier[next].Key == key ? earlier[next] : null;
                accounts.Add(known is not null && SameRegistry(statement, known) ? SameTraffic(statement, known) ? known : WithTraffic(statement, known) : Decode(statement, key));
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }
        }

        return accounts;
    }

    private static Account Decode(sqlite3_stmt statement, int key) => new()
    {
        Key = key,
        AccountId = Text(statement, 1) ?? throw new InvalidCastException("An account without an id."),
        IsPlaceholder = raw.sqlite3_column_int64(statement, 2) != 0,
        OrgId = Text(statement, 3),
        CreatedAt = Time(statement, 4),
        EmailDomain = Text(statement, 5),
        PaymentFingerprint = Text(statement, 6),
        SignupIp = Text(statement, 7),
        SignupPrefix = Text(statement, 8),
        Verification = (IdentityVerification)raw.sqlite3_column_int(statement, 9),
        Tier = (UsageTier)raw.sqlite3_column_int(statement, 10),
        RequestCount = raw.sqlite3_column_int64(statement, 11),
        FirstRequestAt = Time(statement, 12),
        LastRequestAt = Time(statement, 13),
    };

    /// <summary>The earlier account's registry columns with the row's traffic totals: its texts are shared, not decoded again.</summary>
    private static Account WithTraffic(sqlite3_stmt statement, Account known) => new()
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
        RequestCount = raw.sqlite3_column_int64(statement, 11),
        FirstRequestAt = Time(statement, 12),
        LastRequestAt = Time(statement, 13),
    };

    private static bool SameRegistry(sqlite3_stmt statement, Account known) =>
        SameText(statement, 1, known.AccountId)
        && (raw.sqlite3_column_int64(statement, 2) != 0) == known.IsPlaceholder
        && SameText(statement, 3, known.OrgId)
        && SameTime(statement, 4, known.CreatedAt)
        && SameText(statement, 5, known.EmailDomain)
        && SameText(statement, 6, known.PaymentFingerprint)
        && SameText(statement, 7, known.SignupIp)
        && SameText(statement, 8, known.SignupPrefix)
        && raw.sqlite3_column_int(statement, 9) == (int)known.Verification
        && raw.sqlite3_column_int(statement, 10) == (int)known.Tier;

    private static bool SameTraffic(sqlite3_stmt statement, Account known) =>
        raw.sqlite3_column_int64(statement, 11) == known.RequestCount
        && SameTime(statement, 12, known.FirstRequestAt)
        && SameTime(statement, 13, known.LastRequestAt);

    /// <summary>
    /// Whether a text column holds exactly <paramref name="text"/>, without making a string of it: an ASCII value (ids,
    /// domains, addresses, fingerprints) is compared byte for char; any other is decoded and compared.
    /// </summary>
    private static bool SameText(sqlite3_stmt statement, int column, string? text)
    {
        if (raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL)
        {
            return text is null;
        }

        if (text is null)
        {
            return false;
        }

        var bytes = raw.sqlite3_column_blob(statement, column);
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
    private static bool SameTime(sqlite3_stmt statement, int column, DateTimeOffset? time) => raw.sqlite3_column_type(statement, column) switch
    {
        raw.SQLITE_NULL => time is null,
        raw.SQLITE_INTEGER => time is { Offset.Ticks: 0 } t && t.UtcTicks == raw.sqlite3_column_int64(statement, column),
        _ => false,
    };

    private static string? Text(sqlite3_stmt statement, int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : Encoding.UTF8.GetString(raw.sqlite3_column_blob(statement, column));

    /// <summary>A time as the ADO.NET read gives it: stored as UTC ticks.</summary>
    private static DateTimeOffset? Time(sqlite3_stmt statement, int column) => raw.sqlite3_column_type(statement, column) switch
    {
        raw.SQLITE_NULL => null,
        raw.SQLITE_INTEGER => new DateTimeOffset(raw.sqlite3_column_int64(statement, column), TimeSpan.Zero),
        var type => throw new InvalidCastException($"Unexpected time value of SQLite type {type}."),
    };
}

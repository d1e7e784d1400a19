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
internal static class SqliteRegistryRows
{
    public static List<Account> Read(DbConnection connection, CancellationToken cancellationToken)
    {
        var db = ((SqliteConnection)connection).Handle ?? throw new InvalidOperationException("The connection is not open.");
        var statement = Prepare(db, DetectionReader.AccountsQuery(name => $"\"{name}\""));
        var accounts = new List<Account>();
        using (statement)
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((accounts.Count & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                accounts.Add(new Account
                {
                    Key = raw.sqlite3_column_int(statement, 0),
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
                });
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(db, rc);
            }
        }

        return accounts;
    }

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

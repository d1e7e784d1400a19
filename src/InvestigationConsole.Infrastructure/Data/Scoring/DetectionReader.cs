using System.Data.Common;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// Detection's reads over any ADO.NET connection; the SQL differs per provider only in quoting, and times arrive as
/// UTC ticks (SQLite) or datetimeoffset (SQL Server).
/// </summary>
internal static class DetectionReader
{
    /// <summary>Keys per query when the accounts to read are not one contiguous range.</summary>
    private const int KeysPerQuery = 256;

    /// <param name="readAccounts">Reads the registry in key order; by default through ADO.NET (<see cref="ReadAccountsAsync"/>).</param>
    public static async Task<DetectionInputs> LoadInputsAsync(
        DbConnection connection, char open, char close, CancellationToken cancellationToken,
        Func<DbConnection, CancellationToken, List<Account>>? readAccounts = null)
    {
        string Q(string name) => $"{open}{name}{close}";
        var accounts = readAccounts is null ? await ReadAccountsAsync(connection, open, close, cancellationToken) : readAccounts(connection, cancellationToken);

        var lookups = new List<LookupValue>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {Q("Id")}, {Q("Kind")}, {Q("Value")}, {Q("FirstSeenAt")} FROM {Q("LookupValues")}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lookups.Add(new LookupValue { Id = reader.GetInt32(0), Kind = (LookupKind)reader.GetInt32(1), Value = reader.GetString(2), FirstSeenAt = Time(reader, 3)!.Value });
            }
        }

        return new DetectionInputs(accounts, lookups);
    }

    /// <summary>The registry as detection reads it, in key order, through ADO.NET.</summary>
    public static async Task<List<Account>> ReadAccountsAsync(DbConnection connection, char open, char close, CancellationToken cancellationToken)
    {
        string Q(string name) => $"{open}{name}{close}";
        var accounts = new List<Account>();
        await using var command = connection.CreateCommand();
        command.CommandText = AccountsQuery(Q);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(new Account
            {
                Key = reader.GetInt32(0),
                AccountId = reader.GetString(1),
                IsPlaceholder = reader.GetBoolean(2),
                OrgId = Text(reader, 3),
                CreatedAt = Time(reader, 4),
                EmailDomain = Text(reader, 5),
                PaymentFingerprint = Text(reader, 6),
                SignupIp = Text(reader, 7),
                SignupPrefix = Text(reader, 8),
                Verification = (IdentityVerification)reader.GetInt32(9),
                Tier = (UsageTier)reader.GetInt32(10),
                RequestCount = reader.GetInt64(11),
                FirstRequestAt = Time(reader, 12),
                LastRequestAt = Time(reader, 13),
            });
        }

        return accounts;
    }

    /// <summary>The registry's columns detection reads, in this order, by key.</summary>
    internal static string AccountsQuery(Func<string, string> q) => $"""
        SELECT {q("Key")}, {q("AccountId")}, {q("IsPlaceholder")}, {q("OrgId")}, {q("CreatedAt")}, {q("EmailDomain")},
            {q("PaymentFingerprint")}, {q("SignupIp")}, {q("SignupPrefix")}, {q("Verification")}, {q("Tier")},
            {q("RequestCount")}, {q("FirstRequestAt")}, {q("LastRequestAt")}
        FROM {q("Accounts")} ORDER BY {q("Key")}
        """;

    /// <summary>
    /// Requests of the given accounts in (account, time) order, in <paramref name="parts"/> consecutive slices of the keys
    /// handed over on up to <see cref="Connections"/> threads at once: <paramref name="onRequest"/> gets each slice's number
    /// and rows, a slice on one thread.
    /// Rows are stored in arrival order (ADR-004), so a large or contiguous key set is read in one sequential pass over
    /// the table, split by sequence number so that each connection steps over its own rows only, and grouped in memory;
    /// a small scattered set is fetched through the (Day, AccountKey, Timestamp) index, a chunk of accounts at a time over
    /// every day, a connection per slice.
    /// </summary>
    public static void ReadRequests(
        Func<DbConnection> connect, char open, char close, IReadOnlyList<int> sortedKeys, int parts, Action<int, StoredRequest> onRequest,
        CancellationToken cancellationToken, RowReader? readRows = null, long throughSeq = long.MaxValue)
    {
        readRows ??= ReadRows;
        if (sortedKeys.Count == 0)
        {
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(parts, Connections), CancellationToken = cancellationToken };
        if (!ScansTable(sortedKeys))
        {
            Parallel.For(0, parts, options, part =>
            {
                using var connection = connect();
                ReadRequests(connection, open, close, Slice(sortedKeys, parts, part), row => onRequest(part, row), cancellationToken, readRows, throughSeq);
            });
            return;
        }

        string Q(string name) => $"{open}{name}{close}";
        long first, last;
        using (var connection = connect())
        using (var bounds = connection.CreateCommand())
        {
            bounds.CommandText = BoundsQuery(Q, "Seq");
            using var reader = bounds.ExecuteReader();
            reader.Read();
            if (reader.IsDBNull(0))
            {
                return;
            }

            (first, last) = (reader.GetInt64(0), Math.Min(reader.GetInt64(1), throughSeq));
            if (last < first)
            {
                return;
            }
        }

        var scans = Math.Min(parts, Connections);
        var groupings = new RequestsByAccount[scans];
        var span = (last - first + scans) / scans;
        Parallel.For(0, scans, options, part =>
        {
            using var connection = connect();
            using var command = connection.CreateCommand();
            command.CommandTimeout = 0;
            command.CommandText = $"{Select(Q)} WHERE {Q("Seq")} BETWEEN @from AND @to";
            Add(command, "@from", first + (part * span));
            Add(command, "@to", Math.Min(last, first + ((part + 1) * span) - 1));
            var grouping = new RequestsByAccount(sortedKeys);
            readRows(command, grouping, cancellationToken);
            grouping.Seal();
            groupings[part] = grouping;
        });

        // The slices hold very different numbers of requests (accounts of one kind are neighbours in key order), so the
        // largest go first and each thread takes the next slice when it is done: a thread is never left with most of the work.
        var (from, to) = (new int[parts], new int[parts]);
        for (var part = 0; part < parts; part++)
        {
            (from[part], to[part]) = KeySlices.Of(sortedKeys.Count, parts, part);
        }

        var largestFirst = Enumerable.Range(0, parts).OrderByDescending(part => groupings.Sum(g => (long)g.RowsOf(from[part], to[part]))).ThenBy(part => part).ToArray();
        var next = -1;
        Parallel.For(0, Math.Min(parts, Connections), options, _ =>
        {
            int taken;
            while ((taken = Interlocked.Increment(ref next)) < parts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var part = largestFirst[taken];
                RequestsByAccount.Emit(groupings, from[part], to[part], row => onRequest(part, row));
            }
        });
    }

    /// <summary>Connections (and threads) reading at once: the machines detection runs on have two cores or a few more.</summary>
    private const int Connections = 2;

    /// <summary>Whether these keys are read by one pass over the table rather than by index lookups.</summary>
    private static bool ScansTable(IReadOnlyList<int> sortedKeys) =>
        sortedKeys[^1] - sortedKeys[0] + 1 == sortedKeys.Count || sortedKeys.Count >= ScanWhenKeysAtLeast;

    private static int[] Slice(IReadOnlyList<int> keys, int parts, int part)
    {
        var (start, end) = KeySlices.Of(keys.Count, parts, part);
        return Enumerable.Range(start, end - start).Select(i => keys[i]).ToArray();
    }

    private static string Select(Func<string, string> q) => $"""
        SELECT {q("AccountKey")}, {q("Timestamp")}, {q("InputTokens")}, {q("OutputTokens")}, {q("Traits")}, {q("Sketch")}, {q("ToolCount")},
            {q("Ip")}, {q("IpPrefix")}, {q("ModelId")}, {q("UserAgentId")}, {q("EndpointId")}, {q("PromptLength")}
        FROM {q("Requests")}
        """;

    /// <summary>
    /// Requests of the given accounts in (account, time) order over one connection: a large or contiguous key set by one
    /// pass over the table, a small scattered set through the (Day, AccountKey, Timestamp) index.
    /// </summary>
    public static void ReadRequests(
        DbConnection connection, char open, char close, IReadOnlyList<int> sortedKeys, Action<StoredRequest> onRequest, CancellationToken cancellationToken,
        RowReader? readRows = null, long throughSeq = long.MaxValue)
    {
        readRows ??= ReadRows;
        if (sortedKeys.Count == 0)
        {
            return;
        }

        string Q(string name) => $"{open}{name}{close}";
        var select = Select(Q);
        using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        if (ScansTable(sortedKeys))
        {
            command.CommandText = $"{select} WHERE {Q("AccountKey")} BETWEEN @lo AND @hi AND {Q("Seq")} <= @through";
            Add(command, "@lo", sortedKeys[0]);
            Add(command, "@hi", sortedKeys[^1]);
            Add(command, "@through", throughSeq);
            Group(command, readRows, sortedKeys, onRequest, cancellationToken);
            return;
        }

        var (firstDay, lastDay) = DayRange(connection, Q);
        if (firstDay is null || lastDay is null)
        {
            return;
        }

        var days = Enumerable.Range(firstDay.Value, lastDay.Value - firstDay.Value + 1).ToArray();
        foreach (var chunk in sortedKeys.Chunk(KeysPerQuery))
        {
            cancellationToken.ThrowIfCancellationRequested();
            command.Parameters.Clear();
            command.CommandText = $"{select} WHERE {Q("Day")} IN ({string.Join(", ", days)}) AND {Q("AccountKey")} IN ({string.Join(", ", chunk.Select((_, i) => $"@k{i}"))}) AND {Q("Seq")} <= @through";
            Add(command, "@through", throughSeq);
            for (var i = 0; i < chunk.Length; i++)
            {
                Add(command, $"@k{i}", chunk[i]);
            }

            Group(command, readRows, chunk, onRequest, cancellationToken);
        }
    }

    /// <summary>
    /// Requests of the given accounts stored after <paramref name="afterSeq"/> and up to <paramref name="throughSeq"/>, in
    /// (account, time) order, arrival order breaking ties as in a whole read: the rows appended since are one range of the
    /// table's key, so a resumed analysis reads only those.
    /// </summary>
    public static void ReadRequestsAfter(
        DbConnection connection, char open, char close, IReadOnlyList<int> sortedKeys, long afterSeq, long throughSeq, Action<StoredRequest> onRequest,
        CancellationToken cancellationToken, RowReader? readRows = null)
    {
        readRows ??= ReadRows;
        if (sortedKeys.Count == 0 || throughSeq <= afterSeq)
        {
            return;
        }

        string Q(string name) => $"{open}{name}{close}";
        using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"{Select(Q)} WHERE {Q("Seq")} > @after AND {Q("Seq")} <= @through";
        Add(command, "@after", afterSeq);
        Add(command, "@through", throughSeq);
        Group(command, readRows, sortedKeys, onRequest, cancellationToken);
    }

    /// <summary>The highest arrival sequence stored, or 0.</summary>
    public static long HighestSeq(DbConnection connection, char open, char close)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MAX({open}Seq{close}) FROM {open}Requests{close}";
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Above this many accounts one pass over the whole table beats index lookups per account and day.</summary>
    private const int ScanWhenKeysAtLeast = 20_000;

    /// <summary>
    /// The lowest and highest value of an indexed column of <c>Requests</c>. Asked together in one SELECT, SQLite (and SQL
    /// Server) step through the whole index to find both, 2.5 s at the seed's 16M rows with a warm cache and 11 s cold;
    /// as two subqueries each is one seek to an end of the index.
    /// </summary>
    internal static string BoundsQuery(Func<string, string> q, string column) =>
        $"SELECT (SELECT MIN({q(column)}) FROM {q("Requests")}), (SELECT MAX({q(column)}) FROM {q("Requests")})";

    private static (int? First, int? Last) DayRange(DbConnection connection, Func<string, string> q)
    {
        using var command = connection.CreateCommand();
        command.CommandText = BoundsQuery(q, "Day");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetInt32(1));
    }

    /// <summary>Runs a request-row query (the columns of <see cref="ReadRequests"/>, in that order) and adds each row to the grouping.</summary>
    public delegate void RowReader(DbCommand command, RequestsByAccount into, CancellationToken cancellationToken);

    private static void Group(DbCommand command, RowReader readRows, IReadOnlyList<int> sortedKeys, Action<StoredRequest> onRequest, CancellationToken cancellationToken)
    {
        var byAccount = new RequestsByAccount(sortedKeys);
        readRows(command, byAccount, cancellationToken);
        byAccount.Emit(onRequest);
    }

    private static void ReadRows(DbCommand command, RequestsByAccount into, CancellationToken cancellationToken)
    {
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            if ((++rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            into.Add(new StoredRequest(
                reader.GetInt32(0),
                Time(reader, 1)!.Value,
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.GetInt32(4),
                reader.IsDBNull(5) ? TemplateSketch.Empty : TemplateSketch.Read((byte[])reader.GetValue(5)),
                reader.IsDBNull(6) ? 0 : reader.GetInt32(6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetInt32(9),
                reader.IsDBNull(10) ? null : reader.GetInt32(10),
                reader.IsDBNull(11) ? null : reader.GetInt32(11),
                reader.GetInt32(12) > 0));
        }
    }

    private static void Add(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string? Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    internal static DateTimeOffset? Time(DbDataReader reader, int i) => reader.IsDBNull(i)
        ? null
        : reader.GetValue(i) switch
        {
            long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
            DateTimeOffset value => value.ToUniversalTime(),
            DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
            var other => throw new InvalidCastException($"Unexpected time value of type {other.GetType().Name}."),
        };
}

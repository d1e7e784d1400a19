using System.Data.Common;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>
/// The duplicate checks of ingestion over any ADO.NET connection; the SQL differs per provider only in quoting and in
/// how a time is passed (UTC ticks on SQLite, datetimeoffset on SQL Server).
/// </summary>
internal static class StoredRequestLookup
{
    private const int KeysPerScan = 500;

    public static async Task<long> MaxSeqAsync(DbConnection connection, char open, char close, CancellationToken cancellationToken)
    {
        string Q(string name) => $"{open}{name}{close}";
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MAX({Q("Seq")}) FROM {Q("Requests")}";
        return await command.ExecuteScalarAsync(cancellationToken) is long max ? max : 0;
    }

    public static async Task<long> ReadKeysAsync(DbConnection connection, char open, char close, long afterSeq, Action<long> onKey, CancellationToken cancellationToken)
    {
        string Q(string name) => $"{open}{name}{close}";
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"SELECT {Q("Seq")}, {Q("Key")} FROM {Q("Requests")} WHERE {Q("Seq")} > @after";
        Add(command, "@after", afterSeq);
        var through = afterSeq;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            through = Math.Max(through, reader.GetInt64(0));
            onKey(reader.GetInt64(1));
        }

        return through;
    }

    public static async Task ReadRequestsAsync(
        DbConnection connection, char open, char close, long afterSeq, long throughSeq, Action<ApiRequest> onRequest, CancellationToken cancellationToken)
    {
        string Q(string name) => $"{open}{name}{close}";
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = $"""
            SELECT {Q("AccountKey")}, {Q("Timestamp")}, {Q("ModelId")}, {Q("Ip")}, {Q("IpPrefix")}, {Q("InputTokens")}, {Q("OutputTokens")},
                {Q("Status")}, {Q("ToolCount")}, {Q("PromptLength")}
            FROM {Q("Requests")} WHERE {Q("Seq")} > @after AND {Q("Seq")} <= @through ORDER BY {Q("Seq")}
            """;
        Add(command, "@after", afterSeq);
        Add(command, "@through", throughSeq);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            onRequest(new ApiRequest
            {
                AccountKey = reader.GetInt32(0),
                Timestamp = Scoring.DetectionReader.Time(reader, 1)!.Value,
                ModelId = reader.GetInt32(2),
                Ip = reader.GetString(3),
                IpPrefix = reader.GetString(4),
                InputTokens = reader.GetInt64(5),
                OutputTokens = reader.GetInt64(6),
                Status = reader.GetInt32(7),
                ToolCount = reader.IsDBNull(8) ? null : reader.GetInt32(8),
                PromptLength = reader.GetInt32(9),
            });
        }
    }

    public static async Task<IReadOnlySet<string>> FindStoredAsync(
        DbConnection connection, char open, char close, Func<DateTimeOffset, object> time, IReadOnlyCollection<RequestProbe> probes, CancellationToken cancellationToken)
    {
        string Q(string name) => $"{open}{name}{close}";
        var found = new HashSet<string>(StringComparer.Ordinal);
        var unresolved = new List<RequestProbe>();
        await using (var exact = connection.CreateCommand())
        {
            exact.CommandText = $"""
                SELECT {Q("RequestId")} FROM {Q("Requests")}
                WHERE {Q("Day")} = @day AND {Q("AccountKey")} = @account AND {Q("Timestamp")} = @at AND {Q("RequestId")} = @id
                """;
            var day = Add(exact, "@day", 0);
            var account = Add(exact, "@account", 0);
            var at = Add(exact, "@at", time(DateTimeOffset.UnixEpoch));
            var id = Add(exact, "@id", "");
            foreach (var probe in probes)
            {
                if (probe.AccountKey is not { } key)
                {
                    unresolved.Add(probe);
                    continue;
                }

                day.Value = probe.Day;
                account.Value = key;
                at.Value = time(probe.Timestamp);
                id.Value = probe.RequestId;
                if (await exact.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    found.Add(probe.RequestId);
                }
                else
                {
                    unresolved.Add(probe);
                }
            }
        }

        // Same id at another time or account, or a 64-bit collision: rare, so a scan of the key column is affordable.
        foreach (var chunk in unresolved.Chunk(KeysPerScan))
        {
            await using var scan = connection.CreateCommand();
            scan.CommandTimeout = 0;
            scan.CommandText = $"SELECT {Q("RequestId")} FROM {Q("Requests")} WHERE {Q("Key")} IN ({string.Join(", ", chunk.Select((_, i) => $"@k{i}"))})";
            for (var i = 0; i < chunk.Length; i++)
            {
                Add(scan, $"@k{i}", chunk[i].Key);
            }

            var wanted = chunk.Select(p => p.RequestId).ToHashSet(StringComparer.Ordinal);
            await using var reader = await scan.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stored = reader.GetString(0);
                if (wanted.Contains(stored))
                {
                    found.Add(stored);
                }
            }
        }

        return found;
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

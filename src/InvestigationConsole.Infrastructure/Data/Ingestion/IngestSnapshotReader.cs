using System.Data.Common;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Infrastructure.Data.Ingestion;

/// <summary>Loads the ingest snapshot over any ADO.NET connection; the SQL differs per provider only in quoting.</summary>
internal static class IngestSnapshotReader
{
    public static async Task<IngestSnapshot> ReadAsync(DbConnection connection, char open, char close, CancellationToken cancellationToken)
    {
        string Q(string name) => $"{open}{name}{close}";
        var snapshot = new IngestSnapshot();
        await using (var accounts = connection.CreateCommand())
        {
            accounts.CommandText = $"SELECT {Q("Key")}, {Q("AccountId")}, {Q("IsPlaceholder")}, {Q("PromptsSeen")} FROM {Q("Accounts")}";
            await using var reader = await accounts.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = reader.GetInt32(0);
                snapshot.Accounts[reader.GetString(1)] = new AccountState(key, reader.GetBoolean(2), reader.GetInt64(3));
                snapshot.MaxAccountKey = Math.Max(snapshot.MaxAccountKey, key);
            }
        }

        await using (var lookups = connection.CreateCommand())
        {
            lookups.CommandText = $"SELECT {Q("Id")}, {Q("Kind")}, {Q("Value")} FROM {Q("LookupValues")}";
            await using var reader = await lookups.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt32(0);
                snapshot.Lookups[((LookupKind)reader.GetInt32(1), reader.GetString(2))] = id;
                snapshot.MaxLookupId = Math.Max(snapshot.MaxLookupId, id);
            }
        }

        return snapshot;
    }
}

using InvestigationConsole.Domain.Ingestion;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// The provider-specific write path of ingestion: prepared, batched commands on SQLite, SqlBulkCopy on SQL Server.
/// Everything else (parsing, features, dedupe, rollups, sampling) is shared and lives in Application.
/// </summary>
public interface IIngestStore
{
    Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>The request ids already stored under these keys (absent keys are new).</summary>
    Task<IReadOnlyDictionary<long, string>> FindRequestsAsync(IReadOnlyCollection<long> keys, CancellationToken cancellationToken);

    Task CommitAsync(IngestBatch batch, CancellationToken cancellationToken);
}

/// <summary>What ingestion needs in memory: every account's key and sample counter, every lookup value.</summary>
public sealed class IngestSnapshot
{
    public Dictionary<string, AccountState> Accounts { get; } = new(StringComparer.Ordinal);

    public Dictionary<(Domain.Traffic.LookupKind, string), int> Lookups { get; } = [];

    public int MaxAccountKey { get; set; }

    public int MaxLookupId { get; set; }
}

public sealed class AccountState(int key, bool isPlaceholder, long promptsSeen)
{
    public int Key { get; } = key;
    public bool IsPlaceholder { get; set; } = isPlaceholder;
    public long PromptsSeen { get; set; } = promptsSeen;
}

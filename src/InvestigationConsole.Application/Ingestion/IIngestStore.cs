using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// The provider-specific write path of ingestion: prepared, batched commands on SQLite, SqlBulkCopy on SQL Server.
/// Everything else (parsing, features, dedupe, rollups, sampling) is shared and lives in Application.
/// </summary>
public interface IIngestStore
{
    Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A mark of the ingest ledger's progress, or null when the store cannot give one: it changes with every commit of
    /// any process that could change the snapshot (a batch reads lines, rollups move the ledger's RollupsThroughSeq).
    /// Equal to a committed batch's <see cref="IngestBatch.StoreMark"/>, nothing was ingested since.
    /// </summary>
    Task<string?> ReadMarkAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>
    /// The highest arrival sequence stored (0 when none): an index seek. Requests are never deleted, so the rows after
    /// a sequence number at most the difference (counting them would read a whole index: 1.7 s at the seed's size).
    /// </summary>
    Task<long> ReadMaxSeqAsync(CancellationToken cancellationToken);

    /// <summary>Streams the keys of requests stored after <paramref name="afterSeq"/>; returns the highest sequence read.</summary>
    Task<long> ReadRequestKeysAsync(long afterSeq, Action<long> onKey, CancellationToken cancellationToken);

    /// <summary>Which of these candidates (keys the in-memory filter has seen) are really stored: their request ids.</summary>
    Task<IReadOnlySet<string>> FindStoredAsync(IReadOnlyCollection<RequestProbe> probes, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the batch, its rollups if it carries them, and the ledger row in one transaction; then sets the file's
    /// <see cref="IngestFile.LastSeq"/> (and <see cref="IngestFile.RollupsThroughSeq"/> with rollups) to the highest stored sequence.
    /// </summary>
    Task CommitAsync(IngestBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the stored requests with <paramref name="afterSeq"/> &lt; Seq ≤ <paramref name="throughSeq"/>, in arrival order, with the
    /// fields <see cref="FileRollups.Add"/> reads (account, time, model, IP and prefix, tokens, status, tool count, prompt length).
    /// </summary>
    Task ReadRequestsAsync(long afterSeq, long throughSeq, Action<ApiRequest> onRequest, CancellationToken cancellationToken);
}

/// <summary>
/// A request line whose key may already be stored. A true duplicate repeats the stored exchange, so it is first looked
/// up by (day, account, time) through the index; only when that finds nothing is the request id searched everywhere.
/// </summary>
public readonly record struct RequestProbe(string RequestId, long Key, int Day, int? AccountKey, DateTimeOffset Timestamp);

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

using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// Everything one batch of lines changes, written by <see cref="IIngestStore.CommitAsync"/> in ONE transaction
/// together with the file's checkpoint: after a crash a batch is either wholly there or not at all. Every commit also
/// records the file's last arrival sequence (<see cref="IngestFile.LastSeq"/>), so that rollups not yet written can be
/// rebuilt from the file's rows.
/// </summary>
public sealed class IngestBatch
{
    public List<Account> NewAccounts { get; } = [];

    /// <summary>Registry lines for accounts that already exist: registry fields replaced, traffic totals kept.</summary>
    public List<Account> RegistryUpdates { get; } = [];

    public List<ApiRequest> Requests { get; } = [];

    public List<LookupValue> NewLookups { get; } = [];

    /// <summary>
    /// The file's rollups to write with this batch, or null to leave them pending in memory. When set, the ledger's
    /// <see cref="IngestFile.RollupsThroughSeq"/> moves to the last stored request in the same transaction.
    /// </summary>
    public FileRollups? Rollups { get; set; }

    public Dictionary<(int AccountKey, int Slot), PromptSample> Samples { get; } = [];

    public List<QuarantinedLine> Quarantine { get; } = [];

    /// <summary>
    /// The arrival sequences the store gave this batch's requests, when it can tell (SQLite): lets the in-memory key
    /// set move its watermark past its own rows instead of reading them back at the next file.
    /// </summary>
    public (long First, long Last)? StoredSequence { get; set; }

    /// <summary>
    /// After a commit with rollups, the store's <see cref="IIngestStore.ReadMarkAsync"/> as its transaction left it
    /// (read inside it, so no other process's commit can slip in between), or null when the store gives none.
    /// </summary>
    public string? StoreMark { get; set; }

    /// <summary>The ledger row as it must read after this batch (counters and checkpoint).</summary>
    public required IngestFile File { get; init; }

    /// <summary>Records in the ledger row what the store wrote: the highest stored sequence, and how far the rollups count.</summary>
    public void Committed(long lastSeq)
    {
        File.LastSeq = lastSeq;
        File.RollupsThroughSeq = Rollups is null ? File.RollupsThroughSeq : lastSeq;
    }

    public bool IsEmpty => NewAccounts.Count == 0 && RegistryUpdates.Count == 0 && Requests.Count == 0 && Quarantine.Count == 0;
}

public sealed class AccountTrafficDelta
{
    public long Requests { get; set; }
    public long PromptsSeen { get; set; }
    public DateTimeOffset First { get; set; } = DateTimeOffset.MaxValue;
    public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
}

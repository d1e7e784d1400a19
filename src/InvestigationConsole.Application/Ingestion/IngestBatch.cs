using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// Everything one batch of lines changes, written by <see cref="IIngestStore.CommitAsync"/> in ONE transaction
/// together with the file's checkpoint: after a crash a batch is either wholly there or not at all.
/// </summary>
public sealed class IngestBatch
{
    public List<Account> NewAccounts { get; } = [];

    /// <summary>Registry lines for accounts that already exist: registry fields replaced, traffic totals kept.</summary>
    public List<Account> RegistryUpdates { get; } = [];

    public List<ApiRequest> Requests { get; } = [];

    public List<LookupValue> NewLookups { get; } = [];

    public Dictionary<int, AccountTrafficDelta> AccountTraffic { get; } = [];

    public Dictionary<(int AccountKey, int Hour, int ModelId), AccountActivityHour> Activity { get; } = [];

    public Dictionary<(int AccountKey, string Ip), AccountAddress> Addresses { get; } = [];

    public Dictionary<(int AccountKey, int Slot), PromptSample> Samples { get; } = [];

    public List<QuarantinedLine> Quarantine { get; } = [];

    /// <summary>
    /// The arrival sequences the store gave this batch's requests, when it can tell (SQLite): lets the in-memory key
    /// set move its watermark past its own rows instead of reading them back at the next file.
    /// </summary>
    public (long First, long Last)? StoredSequence { get; set; }

    /// <summary>The ledger row as it must read after this batch (counters and checkpoint).</summary>
    public required IngestFile File { get; init; }

    public bool IsEmpty => NewAccounts.Count == 0 && RegistryUpdates.Count == 0 && Requests.Count == 0 && Quarantine.Count == 0;
}

public sealed class AccountTrafficDelta
{
    public long Requests { get; set; }
    public long PromptsSeen { get; set; }
    public DateTimeOffset First { get; set; } = DateTimeOffset.MaxValue;
    public DateTimeOffset Last { get; set; } = DateTimeOffset.MinValue;
}

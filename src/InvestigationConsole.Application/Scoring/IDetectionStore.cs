using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Application.Scoring;

/// <summary>The consecutive slices of sorted account keys a read is split into: the store and its caller cut them alike.</summary>
public static class KeySlices
{
    /// <summary>Slice <paramref name="part"/> of <paramref name="parts"/> over <paramref name="count"/> keys, as [Start, End).</summary>
    public static (int Start, int End) Of(int count, int parts, int part)
    {
        var size = (count + parts - 1) / parts;
        var start = Math.Min(count, part * size);
        return (start, Math.Min(count, start + size));
    }
}

/// <summary>
/// The provider-specific data path of detection: plain ADO.NET reads of the registry and of requests in
/// (account, time) order, and bulk writes of the results (prepared commands on SQLite, SqlBulkCopy on SQL Server).
/// </summary>
public interface IDetectionStore
{
    /// <summary>Every account (ordered by key) and every lookup value.</summary>
    /// <param name="earlier">
    /// The accounts as this process's last run read them (ordered by key), or null. A store may hand back those very
    /// objects for accounts whose columns are unchanged, and share their texts when only the traffic totals moved; so
    /// an account in it must not be changed afterwards.
    /// </param>
    Task<DetectionInputs> LoadInputsAsync(CancellationToken cancellationToken, IReadOnlyList<Account>? earlier = null);

    /// <summary>
    /// Streams the requests of <paramref name="sortedKeys"/> in (account, time) order to <paramref name="onRequest"/>, in
    /// <paramref name="parts"/> consecutive slices of the keys (slice p: keys [p·size, (p+1)·size), size = ⌈keys / parts⌉)
    /// handed over in parallel (a few at a time), each slice's rows on one thread with its number.
    /// </summary>
    /// <param name="throughSeq">Only requests stored up to this arrival sequence (<see cref="HighestSeq"/> at the run's start).</param>
    void ReadRequests(IReadOnlyList<int> sortedKeys, int parts, Action<int, StoredRequest> onRequest, CancellationToken cancellationToken, long throughSeq = long.MaxValue);

    /// <summary>
    /// Streams the requests of <paramref name="sortedKeys"/> stored after <paramref name="afterSeq"/> and up to
    /// <paramref name="throughSeq"/> in (account, time) order, ties in arrival order as in <see cref="ReadRequests"/>.
    /// </summary>
    void ReadRequestsAfter(IReadOnlyList<int> sortedKeys, long afterSeq, long throughSeq, Action<StoredRequest> onRequest, CancellationToken cancellationToken);

    /// <summary>The highest arrival sequence (<c>Seq</c>) of the stored requests, or 0 when there are none.</summary>
    long HighestSeq();

    /// <summary>
    /// Upserts the changed scores and deletes <see cref="DetectionWrite.RemovedScores"/>, replaces clusters, members and
    /// links with the run's, appends history, upserts analyses: one transaction.
    /// </summary>
    Task WriteAsync(DetectionWrite write, CancellationToken cancellationToken);
}

public sealed record DetectionInputs(IReadOnlyList<Account> Accounts, IReadOnlyList<LookupValue> Lookups);

/// <summary>One request row as detection reads it (ids, not strings; <see cref="Sketch"/> empty without prompt words).</summary>
public readonly record struct StoredRequest(
    int AccountKey, DateTimeOffset Timestamp, long InputTokens, long OutputTokens, int Traits, TemplateSketch Sketch, int ToolCount,
    string Ip, string IpPrefix, int ModelId, int? UserAgentId, int? EndpointId, bool HasPrompt);

/// <summary>Everything one run writes.</summary>
public sealed class DetectionWrite
{
    /// <summary>Score rows that are new or changed; every other account's stored row stays as it is.</summary>
    public List<AccountRiskScore> Scores { get; } = [];

    /// <summary>Accounts whose stored score row goes: they are no longer in the registry.</summary>
    public List<int> RemovedScores { get; } = [];

    public List<AccountScoreChange> Changes { get; } = [];
    public List<Cluster> Clusters { get; } = [];
    public List<ClusterMember> Members { get; } = [];
    public List<ClusterLink> Links { get; } = [];

    /// <summary>Analyses of the accounts read in this run; the others keep their stored ones.</summary>
    public List<AccountAnalysisSnapshot> Analyses { get; } = [];

    /// <summary>Analyzer states to store, each replacing its account's stored one.</summary>
    public List<AccountAnalysisState> States { get; } = [];

    /// <summary>When set, stored states of any other basis are deleted (they can never be resumed).</summary>
    public long? StatesBasis { get; set; }

    /// <summary>
    /// <see cref="Links"/> as changes to the links an earlier run wrote, when this process built that run's write (null
    /// otherwise). A store may apply it instead of comparing every stored link, but only while it holds exactly what that
    /// run wrote; otherwise it writes <see cref="Links"/> as usual.
    /// </summary>
    public LinkDelta? LinkDelta { get; set; }
}

/// <summary>
/// The kept links against those run <see cref="SinceRun"/> wrote (<see cref="SinceCount"/> rows, one per pair): the
/// pairs whose row goes or changes, and the rows new or changed. A store holds exactly what that run wrote when its
/// clusters are that run's (every write replaces them all, with the links, in one transaction) and it holds as many links.
/// </summary>
public sealed record LinkDelta(long SinceRun, int SinceCount, IReadOnlyList<(int AccountKey, int OtherAccountKey)> Removed, IReadOnlyList<ClusterLink> Written);

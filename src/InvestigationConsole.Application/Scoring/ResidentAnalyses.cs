using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Scoring;

/// <summary>
/// The last run's analyses, scores before cluster context, analyzer states and link graph state, kept in the process that made them (the web app's job server runs
/// every incremental run after an ingest), so that the next run takes them from memory instead of reading and decoding
/// every stored analysis again (ADR-007). What the memory holds is only a faster copy of what the run stored: an
/// analysis is used only under the same basis and for an account whose stamp has not changed since, which is exactly
/// when its stored row would be used; anything else is read from the store as before. The link graph's memory
/// (<see cref="Links"/>) is checked against the run's own link facts, account by account, whatever the basis.
/// </summary>
/// <remarks>
/// Runs are one at a time per process (<see cref="DetectionRecompute"/>), and only a run touches this: no locking.
/// A run that fails or is cancelled empties it, so a half-made run never serves the next one.
/// </remarks>
public sealed class ResidentAnalyses
{
    private Snapshot? _snapshot;

    /// <summary>Accounts whose analysis is held (0 when empty).</summary>
    public int Count => _snapshot?.Analyses.Count ?? 0;

    /// <summary>The population baseline the held scores were made against.</summary>
    internal PopulationBaseline? Baseline => _snapshot?.Baseline;

    /// <summary>
    /// The analysis held for an account, with its score before cluster context, if it was made under <paramref name="basis"/>
    /// and the account's stamp is still <paramref name="stamp"/>.
    /// </summary>
    internal (AccountAnalysis Analysis, AccountRisk Risk)? Analysis(long basis, int accountKey, long stamp) =>
        _snapshot is { } snapshot && snapshot.Basis == basis && snapshot.Analyses.TryGetValue(accountKey, out var held) && held.Stamp == stamp
            ? (held.Analysis, held.Risk)
            : null;

    /// <summary>
    /// The analyzer state the last run kept for an account under <paramref name="basis"/>, with the mark it reaches and
    /// the requests the state in the store has taken (−1 when not known): the store's may be older (ADR-007).
    /// </summary>
    internal HeldState? State(long basis, int accountKey) =>
        _snapshot is { } snapshot && snapshot.Basis == basis && snapshot.States.TryGetValue(accountKey, out var held) ? held : null;

    /// <summary>Whether the memory holds the analyses of a run under <paramref name="basis"/>.</summary>
    internal bool Holds(long basis) => _snapshot?.Basis == basis;

    /// <summary>
    /// Replaces what is held with a finished run's analyses and scores before cluster context (every account's, by key
    /// with its stamp), the baseline they were scored against, and the states it stored.
    /// </summary>
    internal void Remember(
        long runId, long basis, PopulationBaseline baseline, Dictionary<int, (long Stamp, AccountAnalysis Analysis, AccountRisk Risk)> analyses,
        Dictionary<int, HeldState> states) =>
        _snapshot = new Snapshot(runId, basis, baseline, analyses, states);

    /// <summary>The run whose analyses are held (null when empty).</summary>
    internal long? RunId => _snapshot?.RunId;

    /// <summary>What the last run's link graph left for the next one to reuse (ADR-007).</summary>
    internal LinkMemory Links { get; } = new();

    /// <summary>What the last run's clustering left for the next one to reuse (ADR-007).</summary>
    internal ClusterMemory Clusters { get; } = new();

    /// <summary>The last run's score row hashes and what they were made from (ADR-007).</summary>
    internal ScoreRowMemory ScoreRows { get; } = new();

    /// <summary>The last run's link evidence texts, by link object (ADR-007).</summary>
    internal LinkRowMemory LinkRows { get; } = new();

    /// <summary>
    /// The last run's population: its registry (key order) for the next run's read to hand back the accounts that did not
    /// change (<see cref="IDetectionStore.LoadInputsAsync"/>), and their facts; its accounts are not changed afterwards.
    /// </summary>
    internal DetectionPopulation? Population { get; set; }

    /// <summary>Lets go of everything held.</summary>
    public void Forget()
    {
        _snapshot = null;
        Population = null;
        Links.Forget();
        Clusters.Forget();
        ScoreRows.Forget();
        LinkRows.Forget();
    }

    private sealed record Snapshot(
        long RunId, long Basis, PopulationBaseline Baseline, Dictionary<int, (long Stamp, AccountAnalysis Analysis, AccountRisk Risk)> Analyses,
        Dictionary<int, HeldState> States);
}

/// <summary>An analyzer state held in memory: the mark it reaches, and how many requests the one in the store had taken (−1: not known).</summary>
internal readonly record struct HeldState(long ThroughSeq, AccountAnalyzerState State, long StoredRequests);

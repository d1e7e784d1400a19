using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Application.Scoring;

/// <summary>What one run did, for the CLI, the audit log and the admin page.</summary>
public sealed record DetectionRunSummary(
    long RunId, DetectionRunKind Kind, DetectionRunStatus Status, int Accounts, int AccountsAnalysed, long RequestsRead, int Flagged,
    int Clusters, int CampaignClusters, int ScoreChanges, IReadOnlyDictionary<string, double> PhaseSeconds, TimeSpan Duration, string? Error,
    string Trigger = "", DateTimeOffset QueuedAt = default, DateTimeOffset? StartedAt = null)
{
    /// <summary>What the run counted besides its phases' seconds, by the names in <see cref="DetectionRunCounts"/>.</summary>
    public IReadOnlyDictionary<string, long> Counts { get; init; } = new Dictionary<string, long>();
}

/// <summary>The counts a run stores with its phase timings (same JSON, told apart by name).</summary>
public static class DetectionRunCounts
{
    /// <summary>Touched accounts analysed from their stored analyzer state.</summary>
    public const string Resumed = "resumed";

    /// <summary>Touched accounts whose stored state could not be used: read in full instead.</summary>
    public const string ResumeFallbacks = "resumeFallbacks";

    /// <summary>Analyzer states the run stored.</summary>
    public const string StatesStored = "statesStored";

    /// <summary>Accounts whose analysis an incremental run took from the process's memory of the last run (ADR-007), not from the store.</summary>
    public const string FromMemory = "fromMemory";

    /// <summary>Touched accounts whose analyzer state was taken from the process's memory of the last run, not from the store.</summary>
    public const string StatesFromMemory = "statesFromMemory";

    /// <summary>Untouched accounts' stored states brought into memory by the warm-up run of a starting process.</summary>
    public const string StatesPreloaded = "statesPreloaded";

    /// <summary>Accounts an incremental run did not score again: profile and population baseline as when the held score was made.</summary>
    public const string ScoresKept = "scoresKept";

    /// <summary>
    /// Accounts whose links the run merged again because a changed account shares a key with them (the others' links
    /// were the last run's, held in memory); absent when every link was built.
    /// </summary>
    public const string LinksRelinked = "linksRelinked";

    /// <summary>
    /// First accounts' pairs counted again, summed over the link types a change reached (every other account's pairs were
    /// the last run's, held in memory); absent when every pair was counted.
    /// </summary>
    public const string LinksRecounted = "linksRecounted";

    /// <summary>
    /// Clusters whose members, scores and strong links were those of a cluster the last run described, so its description
    /// was taken (held in memory); absent when every cluster was described.
    /// </summary>
    public const string ClustersReused = "clustersReused";

    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        Resumed, ResumeFallbacks, StatesStored, FromMemory, StatesFromMemory, StatesPreloaded, ScoresKept, LinksRelinked, LinksRecounted, ClustersReused,
    };
}

/// <summary>
/// Recomputes every account's risk and the clusters: reads the registry, streams requests in (account, time) order
/// through <see cref="AccountAnalyzer"/> on two connections, runs <see cref="DetectionEngine"/> over the whole
/// population and writes the results in one transaction. A full run reads every account's requests; an incremental
/// run reads only the accounts whose traffic changed since their stored analysis and reuses the rest; of those, an
/// account with a stored analyzer state (ADR-006) is read from where that state stopped. The process keeps what its
/// last run made in <see cref="ResidentAnalyses"/> (ADR-007), so that its next incremental run reads neither the
/// untouched accounts' analyses nor the touched accounts' states from the store. One run at a time per process (jobs
/// add a distributed lock); a run killed midway stays Running and is re-enqueued on start.
/// </summary>
public sealed class DetectionRecompute(
    IConsoleDbContextFactory contexts,
    IDetectionStore store,
    DetectionSettingsCatalog catalog,
    IAuditLog audit,
    TimeProvider clock,
    DetectionProgressBoard board,
    ResidentAnalyses resident,
    IOptions<DetectionRunOptions> options,
    ILogger<DetectionRecompute> logger)
{
    /// <summary>Below this many accounts to read, a second connection costs more than it saves.</summary>
    private const int ParallelReadMinAccounts = 2000;

    /// <summary>Slices of the accounts read, analysed in parallel.</summary>
    private const int ReadSlices = 8;

    /// <summary>Stored analyses decoded together while the next ones are read.</summary>
    private const int ReuseBatch = 4096;

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Records a queued run (shown on the admin page at once) and returns its id for the job.</summary>
    public async Task<long> QueueAsync(DetectionRunKind kind, string trigger, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var run = new DetectionRun { Kind = kind, Trigger = trigger, Status = DetectionRunStatus.Queued, QueuedAt = clock.GetUtcNow() };
        db.DetectionRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run.Id;
    }

    public async Task<DetectionRunSummary> RunAsync(DetectionRunKind kind, string trigger, IProgress<DetectionProgress>? progress, CancellationToken cancellationToken)
    {
        var id = await QueueAsync(kind, trigger, cancellationToken);
        return await RunQueuedAsync(id, progress, cancellationToken);
    }

    /// <summary>The trigger of the run a starting process makes to fill its memory (<see cref="WarmUpAsync"/>).</summary>
    public const string WarmUpTrigger = "warm-up";

    /// <summary>
    /// Fills this process's memory of the last run (ADR-007) with an incremental run, when it holds nothing yet, the
    /// store has a completed run to build on, and no run or ingest is queued or running (the run that follows fills it
    /// instead). Returns the run made, or null when none was needed.
    /// </summary>
    public async Task<DetectionRunSummary?> WarmUpAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.KeepAnalysesInMemory || resident.Count > 0)
        {
            return null;
        }

        await using (var db = contexts.Create())
        {
            var completed = await db.DetectionRuns.AnyAsync(r => r.Status == DetectionRunStatus.Completed, cancellationToken);
            var pending = await db.DetectionRuns.AnyAsync(r => r.Status == DetectionRunStatus.Queued || r.Status == DetectionRunStatus.Running, cancellationToken)
                          || await db.IngestFiles.AnyAsync(f => f.Status == IngestStatus.Queued || f.Status == IngestStatus.Running, cancellationToken);
            if (!completed || pending)
            {
                return null;
            }
        }

        return await RunAsync(DetectionRunKind.Incremental, WarmUpTrigger, progress: null, cancellationToken);
    }

    /// <summary>Runs a queued (or interrupted) run; a finished one is returned as it is, so the job is safe to run twice.</summary>
    public async Task<DetectionRunSummary> RunQueuedAsync(long runId, IProgress<DetectionProgress>? progress, CancellationToken cancellationToken)
    {
        await OneAtATime.WaitAsync(cancellationToken);
        try
        {
            await using var db = contexts.Create();
            var run = await db.DetectionRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                      ?? throw new InvalidOperationException($"No detection run with id {runId}.");
            if (run.Status is DetectionRunStatus.Completed or DetectionRunStatus.Failed)
            {
                return Summarise(run);
            }

            return await RunExclusiveAsync(db, run, progress, cancellationToken);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task<DetectionRunSummary> RunExclusiveAsync(IConsoleDbContext db, DetectionRun run, IProgress<DetectionProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var laps = new Laps();
        var phases = laps.Seconds;

        void Report(DetectionPhase phase, int done, int total)
        {
            var report = new DetectionProgress(run.Id, run.Kind, phase, done, total, watch.Elapsed);
            board.Report(report);
            progress?.Report(report);
        }

        run.Status = DetectionRunStatus.Running;
        run.StartedAt = clock.GetUtcNow();
        run.Error = null;
        await db.SaveChangesAsync(cancellationToken);
        if (run.Kind == DetectionRunKind.Full || !options.Value.KeepAnalysesInMemory)
        {
            // A full run uses none of it, and would otherwise hold the last run's analyses beside its own.
            resident.Forget();
        }

        Report(DetectionPhase.Loading, 0, 0);
        try
        {
            var loading = new Laps();
            var active = await catalog.GetActiveAsync(cancellationToken);
            var settings = active.Settings;
            run.SettingsVersionId = active.VersionId;
            var earlier = options.Value.KeepAnalysesInMemory ? resident.Population : null;
            var inputs = await store.LoadInputsAsync(cancellationToken, earlier?.Accounts);
            loading.Mark("inputs");
            var population = new DetectionPopulation(inputs, settings, clock.GetUtcNow(), earlier);
            loading.Mark("population");
            var accounts = population.Accounts;
            var analyses = new AccountAnalysis?[accounts.Count];
            var fromMemory = 0;
            var heldRisks = new AccountRisk?[accounts.Count];
            var heldBaseline = resident.Holds(population.Basis) ? resident.Baseline : null;
            if (run.Kind == DetectionRunKind.Incremental)
            {
                fromMemory = await ReuseStoredAnalysesAsync(db, population, analyses, heldRisks, cancellationToken);
                loading.Mark("reuse");
            }

            laps.Mark("load");
            foreach (var (step, time) in loading.Seconds)
            {
                phases["load." + step] = time;
            }

            var throughSeq = store.HighestSeq();
            var toRead = Enumerable.Range(0, accounts.Count).Where(i => analyses[i] is null).ToArray();
            var states = new AccountAnalyzerState?[accounts.Count];

            // How many requests each touched account's state in the store has taken, when known (−1 otherwise).
            var storedRequests = new long[accounts.Count];
            Array.Fill(storedRequests, -1);
            var keepState = KeepsStateOf(population);
            var resumed = Resumption.None;
            if (run.Kind == DetectionRunKind.Incremental && toRead.Length > 0)
            {
                resumed = ResumeStoredStates(db, population, settings, toRead, throughSeq, analyses, states, storedRequests, keepState, cancellationToken);
            }

            var readInFull = toRead.Where(i => analyses[i] is null).ToArray();
            var preloaded = run.Kind == DetectionRunKind.Incremental && run.Trigger == WarmUpTrigger && options.Value.KeepAnalysesInMemory
                            && !resident.Holds(population.Basis)
                ? PreloadStates(db, population, settings, throughSeq, analyses, states, storedRequests, keepState, cancellationToken)
                : Resumption.None;
            var requests = resumed.Requests + preloaded.Requests + ReadAccounts(
                population, settings, readInFull, analyses, states, keepState, throughSeq, (done, total) => Report(DetectionPhase.Reading, done, total), cancellationToken);
            laps.Mark("read");

            Report(DetectionPhase.Scoring, toRead.Length, toRead.Length);
            var all = analyses.Select(a => a!).ToArray();

            // The stored scores are loaded beside the engine, which leaves a core idle much of the time; nothing else
            // writes them during a run.
            var stored = Task.Run(LoadPreviousScores, cancellationToken);
            var result = DetectionEngine.Run(
                all, population.Releases, settings, fromMemory > 0 && heldBaseline is not null ? new EarlierScores(heldBaseline, heldRisks) : null,
                options.Value.KeepAnalysesInMemory ? resident.Links : null, options.Value.KeepAnalysesInMemory ? resident.Clusters : null);
            laps.Mark("engine");
            foreach (var (step, time) in result.Seconds)
            {
                phases["engine." + step] = time;
            }

            var previous = await stored;
            var now = clock.GetUtcNow();
            var write = DetectionWriteBuilder.Build(
                result, population, previous, settings, run.Id, run.Trigger, now, options.Value.KeepAnalysesInMemory ? resident.ScoreRows : null,
                options.Value.KeepAnalysesInMemory ? resident.LinkRows : null);
            var encoded = new AccountAnalysisSnapshot[toRead.Length];
            Parallel.For(0, toRead.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
            {
                var i = toRead[k];
                encoded[k] = new AccountAnalysisSnapshot
                {
                    AccountKey = accounts[i].Key, Stamp = DetectionPopulation.StampOf(accounts[i]), Basis = population.Basis, Data = AnalysisCodec.Encode(all[i]),
                };
            });
            write.Analyses.AddRange(encoded);
            var kept = Enumerable.Range(0, accounts.Count).Where(i => states[i] is not null && Stores(run.Kind, states[i]!, storedRequests[i])).ToArray();
            var stateRows = new AccountAnalysisState[kept.Length];
            Parallel.For(0, kept.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
            {
                var i = kept[k];
                stateRows[k] = new AccountAnalysisState
                {
                    AccountKey = accounts[i].Key, Basis = population.Basis, ThroughSeq = throughSeq, Data = AnalyzerStateCodec.Encode(states[i]!),
                };
            });
            write.States.AddRange(stateRows);
            write.StatesBasis = run.Kind == DetectionRunKind.Full ? population.Basis : null;
            laps.Mark("prepare");

            Report(DetectionPhase.Writing, toRead.Length, toRead.Length);
            await store.WriteAsync(write, cancellationToken);
            if (options.Value.KeepAnalysesInMemory)
            {
                foreach (var i in kept)
                {
                    storedRequests[i] = states[i]!.Profile.Requests;
                }

                Remember(run.Id, population, all, result, states, storedRequests, throughSeq, keepState);
                resident.Population = population;
            }

            laps.Mark("write");

            run.Status = DetectionRunStatus.Completed;
            run.FinishedAt = clock.GetUtcNow();
            run.AccountsTotal = accounts.Count;
            run.AccountsAnalysed = toRead.Length;
            run.RequestsRead = requests;
            run.AccountsFlagged = result.Risks.Count(r => r.Flagged);
            run.Clusters = write.Clusters.Count;
            run.CampaignClusters = write.Clusters.Count(c => c.IsCampaign);
            run.ScoreChanges = write.Changes.Count;
            // Counts stored beside the seconds (the summary tells them apart by name): how many touched accounts were read
            // from their stored state, how many had one that could not be used (read in full instead), how many states were stored.
            phases[DetectionRunCounts.Resumed] = resumed.Accounts.Count;
            phases[DetectionRunCounts.ResumeFallbacks] = resumed.Fallbacks;
            phases[DetectionRunCounts.StatesStored] = stateRows.Length;
            phases[DetectionRunCounts.FromMemory] = fromMemory;
            phases[DetectionRunCounts.StatesFromMemory] = resumed.FromMemory;
            phases[DetectionRunCounts.StatesPreloaded] = preloaded.Accounts.Count;
            phases[DetectionRunCounts.ScoresKept] = heldBaseline is not null && heldBaseline.SameAs(result.Baseline) ? heldRisks.Count(r => r is not null) : 0;
            if (options.Value.KeepAnalysesInMemory && resident.Links.LastRelinked is { } relinked)
            {
                phases[DetectionRunCounts.LinksRelinked] = relinked;
            }

            if (options.Value.KeepAnalysesInMemory && resident.Links.LastRecounted is { } recounted)
            {
                phases[DetectionRunCounts.LinksRecounted] = recounted;
            }

            if (options.Value.KeepAnalysesInMemory && resident.Clusters.LastReused is { } reusedClusters)
            {
                phases[DetectionRunCounts.ClustersReused] = reusedClusters;
            }
            foreach (var (step, time) in resumed.Seconds)
            {
                phases["read." + step] = time;
            }

            foreach (var (step, time) in preloaded.Seconds)
            {
                phases["preload." + step] = time;
            }

            run.PhaseTimingsJson = JsonSerializer.Serialize(phases);
            await db.SaveChangesAsync(CancellationToken.None);
            var summary = Summarise(run);
            await audit.RecordAsync(ActorOf(run.Trigger), AuditActions.ScoresRecomputed, "detection-run", run.Id.ToString(CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(new
                {
                    kind = run.Kind.ToString(), trigger = run.Trigger, accounts = run.AccountsTotal, analysed = run.AccountsAnalysed,
                    flagged = run.AccountsFlagged, clusters = run.Clusters, campaigns = run.CampaignClusters, changes = run.ScoreChanges,
                    seconds = Math.Round(summary.Duration.TotalSeconds, 2), settingsVersion = run.SettingsVersionId,
                }), CancellationToken.None);
            logger.LogInformation("Detection run {Run} ({Kind}): {Accounts} accounts, {Analysed} read, {Flagged} flagged, {Clusters} clusters in {Seconds:F1}s",
                run.Id, run.Kind, run.AccountsTotal, run.AccountsAnalysed, run.AccountsFlagged, run.Clusters, summary.Duration.TotalSeconds);
            return summary;
        }
        catch (OperationCanceledException)
        {
            // Stopped, not failed: left queued, the next start re-enqueues it (DetectionRecovery).
            resident.Forget();
            run.Status = DetectionRunStatus.Queued;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Detection run {Run} failed", run.Id);
            resident.Forget();
            run.Status = DetectionRunStatus.Failed;
            run.FinishedAt = clock.GetUtcNow();
            run.Error = ex.Message.Length > 4000 ? ex.Message[..4000] : ex.Message;
            run.PhaseTimingsJson = JsonSerializer.Serialize(phases);
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }
        finally
        {
            Report(DetectionPhase.Finished, 0, 0);
        }
    }

    /// <summary>Every stored score's account, score, flag, first flag and hash: on a context of its own, read synchronously (cheaper per row).</summary>
    private Dictionary<int, PreviousScore> LoadPreviousScores()
    {
        using var scores = contexts.Create();
        return scores.AccountRiskScores.AsNoTracking()
            .Select(r => new { r.AccountKey, r.Score, r.Flagged, r.FirstFlaggedAt, r.ContentHash })
            .AsEnumerable()
            .ToDictionary(r => r.AccountKey, r => new PreviousScore(r.Score, r.Flagged, r.FirstFlaggedAt, r.ContentHash));
    }

    /// <summary>
    /// Fills in the analyses still valid for this run: from the process's memory of the last run when it has one of
    /// this basis, else from the store. Returns how many came from memory.
    /// </summary>
    /// <param name="heldRisks">Filled with the held score before cluster context of each account whose profile is the one held.</param>
    private async Task<int> ReuseStoredAnalysesAsync(
        IConsoleDbContext db, DetectionPopulation population, AccountAnalysis?[] analyses, AccountRisk?[] heldRisks, CancellationToken cancellationToken)
    {
        var accounts = population.Accounts;
        if (!resident.Holds(population.Basis))
        {
            await ReadStoredAnalysesAsync(db, population, analyses, cancellationToken);
            return 0;
        }

        var held = new bool[accounts.Count];
        Parallel.For(0, accounts.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            if (resident.Analysis(population.Basis, accounts[i].Key, DetectionPopulation.StampOf(accounts[i])) is { } memory)
            {
                analyses[i] = population.Refresh(memory.Analysis, i);
                held[i] = true;

                // The registry may have changed the profile's identity (tier, verification, domain): then it is scored again.
                if (analyses[i]!.Profile == memory.Analysis.Profile)
                {
                    heldRisks[i] = memory.Risk;
                }
            }
        });

        // The rest are mostly the touched accounts, whose stored analyses are stale too; another process's run may have
        // stored current ones for others. Only rows of the current stamp are wanted, so only those are decoded. When no
        // run completed since the one held, every stored analysis is one that run had or an older one: none can be current.
        var missing = Enumerable.Range(0, accounts.Count).Where(i => !held[i]).ToArray();
        var heldRun = resident.RunId;
        var lookUp = missing.Length > 0 && await db.DetectionRuns.AnyAsync(r => r.Id > heldRun && r.Status == DetectionRunStatus.Completed, cancellationToken);
        foreach (var chunk in lookUp ? missing.Chunk(2000) : [])
        {
            var keys = chunk.Select(i => accounts[i].Key).ToArray();
            var stamps = chunk.Select(i => DetectionPopulation.StampOf(accounts[i])).ToArray();
            var rows = await db.AccountAnalyses.AsNoTracking()
                .Where(a => a.Basis == population.Basis && keys.Contains(a.AccountKey) && stamps.Contains(a.Stamp))
                .ToListAsync(cancellationToken);
            var index = chunk.ToDictionary(i => accounts[i].Key);
            foreach (var row in rows)
            {
                var i = index[row.AccountKey];
                if (row.Stamp == DetectionPopulation.StampOf(accounts[i]))
                {
                    analyses[i] = population.Refresh(AnalysisCodec.Decode(row.Data), i);
                }
            }
        }

        return accounts.Count - missing.Length;
    }

    private static async Task ReadStoredAnalysesAsync(IConsoleDbContext db, DetectionPopulation population, AccountAnalysis?[] analyses, CancellationToken cancellationToken)
    {
        var index = new Dictionary<int, int>(population.Accounts.Count);
        for (var i = 0; i < population.Accounts.Count; i++)
        {
            index[population.Accounts[i].Key] = i;
        }

        // Batches are decoded while the next is read, so reading the blobs and decoding them overlap. The rows are read
        // synchronously on a worker: EF's async reader took 2.8 s for the seed's 226,070 rows, the sync one 1.0 s.
        var stored = db.AccountAnalyses.AsNoTracking().Where(a => a.Basis == population.Basis).AsEnumerable();
        await Task.Run(() =>
        {
            Task decoding = Task.CompletedTask;
            var batch = new List<AccountAnalysisSnapshot>(ReuseBatch);
            foreach (var snapshot in stored)
            {
                batch.Add(snapshot);
                if (batch.Count == ReuseBatch)
                {
                    decoding.GetAwaiter().GetResult();
                    cancellationToken.ThrowIfCancellationRequested();
                    decoding = Decode(batch);
                    batch = new List<AccountAnalysisSnapshot>(ReuseBatch);
                }
            }

            decoding.GetAwaiter().GetResult();
            Decode(batch).GetAwaiter().GetResult();
        }, cancellationToken);

        Task Decode(List<AccountAnalysisSnapshot> snapshots) => Task.Run(() => Parallel.ForEach(snapshots, new ParallelOptions { CancellationToken = cancellationToken }, snapshot =>
        {
            if (index.TryGetValue(snapshot.AccountKey, out var i) && snapshot.Stamp == DetectionPopulation.StampOf(population.Accounts[i]))
            {
                analyses[i] = population.Refresh(AnalysisCodec.Decode(snapshot.Data), i);
            }
        }), cancellationToken);
    }

    /// <summary>The accounts whose analyzer state a run keeps: those last active within the window before the newest request.</summary>
    private Func<int, bool> KeepsStateOf(DetectionPopulation population)
    {
        var window = options.Value.ResumableStateWindow;
        var newest = population.Accounts.Max(a => a.LastRequestAt);
        if (window <= TimeSpan.Zero || newest is null)
        {
            return _ => false;
        }

        var since = newest.Value - window;
        return i => population.Accounts[i].LastRequestAt >= since;
    }

    /// <summary>
    /// The warm-up run of a starting process (<see cref="WarmUpAsync"/>, ADR-007), when the process holds nothing of
    /// this basis, also brings into memory the stored analyzer states of the accounts it did not touch but keeps states
    /// for (active within <see cref="DetectionRunOptions.ResumableStateWindow"/>): each is resumed with the requests
    /// stored since it, as a touched account's would be, and only the state is kept; the account's analysis stays the
    /// stored one, which those same requests made. The next run then finds them in memory and reads only its own new
    /// requests, instead of every request since the state was last stored (up to
    /// <see cref="DetectionRunOptions.StateRewriteRequests"/> each).
    /// </summary>
    private Resumption PreloadStates(
        IConsoleDbContext db, DetectionPopulation population, DetectionSettings settings, long throughSeq, AccountAnalysis?[] analyses,
        AccountAnalyzerState?[] states, long[] storedRequests, Func<int, bool> keepState, CancellationToken cancellationToken)
    {
        var untouched = Enumerable.Range(0, population.Accounts.Count).Where(i => analyses[i] is not null && states[i] is null && keepState(i)).ToArray();
        if (untouched.Length == 0)
        {
            return Resumption.None;
        }

        // The resumed analyses are left aside: each equals the stored one (same requests, same basis).
        return ResumeStoredStates(
            db, population, settings, untouched, throughSeq, new AccountAnalysis?[population.Accounts.Count], states, storedRequests, keepState,
            cancellationToken, preload: true);
    }

    /// <summary>The touched accounts analysed from their stored state, the requests read for them, and the states that could not be used.</summary>
    private sealed record Resumption(
        IReadOnlyList<int> Accounts, long Requests, int Fallbacks, IReadOnlyDictionary<string, double> Seconds, int FromMemory = 0)
    {
        /// <summary>No account analysed from a state: nothing read, no step timed.</summary>
        public static readonly Resumption None = new([], 0, 0, new Dictionary<string, double>());
    }

    /// <summary>Seconds of consecutive steps, each from the end of the one before, by name in the order they end.</summary>
    private sealed class Laps
    {
        private readonly Stopwatch _lap = Stopwatch.StartNew();

        public Dictionary<string, double> Seconds { get; } = new(StringComparer.Ordinal);

        public void Mark(string name)
        {
            Seconds[name] = Math.Round(_lap.Elapsed.TotalSeconds, 3);
            _lap.Restart();
        }
    }

    /// <summary>
    /// Analyses the touched accounts that have a stored state of this basis from that state and their requests stored
    /// since. An account whose new requests are not exactly what its registry counts, or start before the state's last
    /// request, or whose result disagrees with the registry's count, first and last request, is left unanalysed, to be
    /// read in full like an account without a state. States the process's last run kept are taken from its memory.
    /// </summary>
    private Resumption ResumeStoredStates(
        IConsoleDbContext db, DetectionPopulation population, DetectionSettings settings, int[] toRead, long throughSeq, AccountAnalysis?[] analyses,
        AccountAnalyzerState?[] states, long[] storedRequests, Func<int, bool> keepState, CancellationToken cancellationToken, bool preload = false)
    {
        var accounts = population.Accounts;
        var laps = new Laps();

        // A state held in memory is the one the last run of this process stored (another process may have stored a later
        // one since: either is a correct start, the checks below see to that).
        var held = new List<(int Index, long ThroughSeq, AccountAnalyzerState? State)>();
        var inStore = new Dictionary<int, long>();
        var notHeld = new List<int>();
        foreach (var i in toRead)
        {
            if (resident.State(population.Basis, accounts[i].Key) is { } state)
            {
                held.Add((i, state.ThroughSeq, state.State));
                inStore[i] = state.StoredRequests;
            }
            else
            {
                notHeld.Add(i);
            }
        }

        var indexOf = notHeld.ToDictionary(i => accounts[i].Key);
        var stored = new List<AccountAnalysisState>();
        foreach (var chunk in notHeld.Chunk(2000))
        {
            var keys = chunk.Select(i => accounts[i].Key).ToArray();
            stored.AddRange(db.AccountAnalysisStates.AsNoTracking().Where(s => s.Basis == population.Basis && keys.Contains(s.AccountKey)).AsEnumerable());
        }

        laps.Mark("states");
        var fallbacks = 0;
        var decoded = new (int Index, long ThroughSeq, AccountAnalyzerState? State)[stored.Count];
        Parallel.For(0, stored.Count, new ParallelOptions { CancellationToken = cancellationToken }, k =>
        {
            var row = stored[k];
            var i = indexOf[row.AccountKey];
            AccountAnalyzerState? state = null;
            try
            {
                state = AnalyzerStateCodec.Decode(row.Data);
            }
            catch (InvalidDataException)
            {
                // A damaged state is only a lost shortcut: the account is read in full.
            }

            decoded[k] = (i, row.ThroughSeq, state);
        });
        var all = held.Concat(decoded)
            .Select(d => d.State is not null && d.ThroughSeq <= throughSeq && d.State.Profile.Requests <= accounts[d.Index].RequestCount ? d : (d.Index, d.ThroughSeq, null))
            .ToArray();
        fallbacks += all.Count(d => d.State is null);
        laps.Mark("decode");

        var candidates = all.Where(d => d.State is not null).ToArray();
        // States stored by different runs have different marks. The rows after the oldest mark are read once, in segments
        // between consecutive marks, each for the accounts whose mark it follows: an account's rows then come segment by
        // segment (ascending Seq), each segment in (time, Seq) order, and a stable sort by time gives the order of a whole read.
        var rows = candidates.ToDictionary(c => accounts[c.Index].Key, _ => new List<StoredRequest>());
        var marks = candidates.Select(c => c.ThroughSeq).Distinct().Order().ToArray();
        for (var m = 0; m < marks.Length; m++)
        {
            var keys = candidates.Where(c => c.ThroughSeq <= marks[m]).Select(c => accounts[c.Index].Key).Order().ToArray();
            store.ReadRequestsAfter(keys, marks[m], m + 1 < marks.Length ? marks[m + 1] : throughSeq, row => rows[row.AccountKey].Add(row), cancellationToken);
        }

        if (marks.Length > 1)
        {
            foreach (var list in rows.Values.Where(InTimeOrderNot))
            {
                var sorted = list.OrderBy(row => row.Timestamp.UtcTicks).ToArray();
                list.Clear();
                list.AddRange(sorted);
            }
        }

        laps.Mark("newRows");
        var done = new bool[candidates.Length];
        Parallel.For(0, candidates.Length, new ParallelOptions { CancellationToken = cancellationToken },
            () => new AccountAnalyzer(population.Releases, settings),
            (k, _, analyzer) =>
            {
                var (i, _, state) = candidates[k];
                var account = accounts[i];
                var added = rows[account.Key];
                if (added.Count != account.RequestCount - state!.Profile.Requests || (added.Count > 0 && added[0].Timestamp < state.Profile.Last))
                {
                    return analyzer;
                }

                analyzer.Resume(i, population.Facts[i], state);
                foreach (var row in added)
                {
                    analyzer.Add(population.Observe(row));
                }

                var analysis = analyzer.End();
                if (analysis.Profile.RequestCount != account.RequestCount || analysis.Profile.FirstRequestAt != account.FirstRequestAt
                    || analysis.Profile.LastRequestAt != account.LastRequestAt)
                {
                    return analyzer;
                }

                analyses[i] = analysis;
                states[i] = keepState(i) ? analyzer.Capture() : null;
                done[k] = true;
                return analyzer;
            },
            _ => { });

        laps.Mark("resume");
        var resumedAccounts = candidates.Where((_, k) => done[k]).Select(c => c.Index).ToArray();

        // Only a state that resumed is known to be a good start as stored; the others are written again.
        foreach (var (i, _, state) in candidates.Where((_, k) => done[k]))
        {
            storedRequests[i] = inStore.TryGetValue(i, out var count) ? count : state!.Profile.Requests;
        }

        fallbacks += candidates.Length - resumedAccounts.Length;
        var requests = resumedAccounts.Sum(i => (long)rows[accounts[i].Key].Count);
        if (fallbacks > 0 && preload)
        {
            logger.LogInformation("{Fallbacks} stored analyzer states could not be brought up to date; those accounts are read in full when next touched", fallbacks);
        }
        else if (fallbacks > 0)
        {
            logger.LogInformation("{Fallbacks} stored analyzer states could not be resumed; those accounts are read in full", fallbacks);
        }

        return new Resumption(resumedAccounts, requests, fallbacks, laps.Seconds, held.Count);
    }

    /// <summary>
    /// Keeps a finished run's analyses of every account and the analyzer states it stored for the next run of this
    /// process; an incremental run also carries over the states held from earlier runs of accounts still in the window.
    /// </summary>
    private void Remember(
        long runId, DetectionPopulation population, AccountAnalysis[] all, DetectionResult result, AccountAnalyzerState?[] states, long[] storedRequests, long throughSeq,
        Func<int, bool> keepState)
    {
        var accounts = population.Accounts;
        var analyses = new Dictionary<int, (long Stamp, AccountAnalysis Analysis, AccountRisk Risk)>(accounts.Count);
        var kept = new Dictionary<int, HeldState>();
        for (var i = 0; i < accounts.Count; i++)
        {
            analyses[accounts[i].Key] = (DetectionPopulation.StampOf(accounts[i]), all[i], result.RisksBeforeContext[i]);
            if (states[i] is { } state)
            {
                kept[accounts[i].Key] = new HeldState(throughSeq, state, storedRequests[i]);
            }
            else if (keepState(i) && resident.State(population.Basis, accounts[i].Key) is { } earlier)
            {
                kept[accounts[i].Key] = earlier;
            }
        }

        resident.Remember(runId, population.Basis, result.Baseline, analyses, kept);
    }

    /// <summary>
    /// Whether a run writes a state it made to the store: a full run always (it replaces every other basis's); an
    /// incremental run unless the process will hold it in memory and the stored one lags it by fewer than
    /// <see cref="DetectionRunOptions.StateRewriteRequests"/> requests (a fresh process resumes from that one instead).
    /// </summary>
    private bool Stores(DetectionRunKind kind, AccountAnalyzerState state, long storedRequests) =>
        kind == DetectionRunKind.Full || !options.Value.KeepAnalysesInMemory || storedRequests < 0
        || state.Profile.Requests - storedRequests >= options.Value.StateRewriteRequests;

    private static bool InTimeOrderNot(List<StoredRequest> rows)
    {
        for (var k = 1; k < rows.Count; k++)
        {
            if (rows[k - 1].Timestamp > rows[k].Timestamp)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads the given accounts' requests, in slices analysed in parallel when there are many; returns the requests read.</summary>
    private long ReadAccounts(
        DetectionPopulation population, DetectionSettings settings, int[] indexes, AccountAnalysis?[] analyses, AccountAnalyzerState?[] states,
        Func<int, bool> keepState, long throughSeq, Action<int, int> report, CancellationToken cancellationToken)
    {
        if (indexes.Length == 0)
        {
            return 0;
        }

        // More slices than threads: accounts of one kind (and size) are often neighbours in key order, and a thread done
        // with its slice takes the next.
        var parts = indexes.Length >= ParallelReadMinAccounts ? ReadSlices : 1;
        var done = 0;
        var step = Math.Max(1, indexes.Length / 200);
        var readers = Enumerable.Range(0, parts).Select(part => KeySlices.Of(indexes.Length, parts, part)).Select(slice => new SliceReader(
            indexes[slice.Start..slice.End], population, settings, analyses, states, keepState, () =>
            {
                var now = Interlocked.Increment(ref done);
                if (now % step == 0)
                {
                    report(now, indexes.Length);
                }
            })).ToArray();
        store.ReadRequests(indexes.Select(i => population.Accounts[i].Key).ToArray(), parts, (part, row) => readers[part].Add(row), cancellationToken, throughSeq);
        foreach (var reader in readers)
        {
            reader.Complete();
        }

        var requests = readers.Sum(reader => reader.Requests);
        report(done, indexes.Length);
        return requests;
    }

    /// <summary>Feeds one slice of the accounts read, rows in (account, time) order, through an analyzer of its own.</summary>
    private sealed class SliceReader(
        int[] slice, DetectionPopulation population, DetectionSettings settings, AccountAnalysis?[] analyses, AccountAnalyzerState?[] states,
        Func<int, bool> keepState, Action finished)
    {
        private readonly AccountAnalyzer _analyzer = new(population.Releases, settings);
        private int _position = -1;

        public long Requests { get; private set; }

        public void Add(in StoredRequest row)
        {
            while (_position < 0 || population.Accounts[slice[_position]].Key != row.AccountKey)
            {
                if (_position + 1 >= slice.Length)
                {
                    throw new InvalidOperationException($"The store returned a request of account key {row.AccountKey}, which was not asked for or is out of order.");
                }

                Next();
            }

            _analyzer.Add(population.Observe(row));
            Requests++;
        }

        /// <summary>Ends the last account read and analyses the slice's accounts without requests.</summary>
        public void Complete()
        {
            while (_position + 1 < slice.Length)
            {
                Next();
            }

            if (_position >= 0)
            {
                Finish();
            }
        }

        private void Next()
        {
            if (_position >= 0)
            {
                Finish();
            }

            _position++;
            _analyzer.Begin(slice[_position], population.Facts[slice[_position]]);
        }

        private void Finish()
        {
            var i = slice[_position];
            analyses[i] = _analyzer.End();
            if (keepState(i))
            {
                states[i] = _analyzer.Capture();
            }

            finished();
        }
    }

    private static string ActorOf(string trigger) => trigger.StartsWith("admin:", StringComparison.Ordinal) ? trigger["admin:".Length..] : "system";

    internal static DetectionRunSummary Summarise(DetectionRun run)
    {
        var stored = run.PhaseTimingsJson is { } json ? JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [] : [];
        return new DetectionRunSummary(
            run.Id, run.Kind, run.Status, run.AccountsTotal, run.AccountsAnalysed, run.RequestsRead, run.AccountsFlagged, run.Clusters,
            run.CampaignClusters, run.ScoreChanges,
            stored.Where(pair => !DetectionRunCounts.Names.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal),
            run.FinishedAt is { } end && run.StartedAt is { } start ? end - start : TimeSpan.Zero, run.Error, run.Trigger, run.QueuedAt, run.StartedAt)
        {
            Counts = stored.Where(pair => DetectionRunCounts.Names.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => (long)pair.Value, StringComparer.Ordinal),
        };
    }
}

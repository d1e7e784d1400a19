namespace InvestigationConsole.Application.Scoring;

/// <summary>Settings of section "DetectionRuns": how runs work, not what they find (that is <c>DetectionSettings</c>).</summary>
public sealed class DetectionRunOptions
{
    public const string Section = "DetectionRuns";

    /// <summary>
    /// A run stores the analyzer state (ADR-006) of the accounts it reads whose last request is at most this long before
    /// the population's newest: those an incremental run will most likely read again, then only their new requests.
    /// A day, so that the hours after a fresh database's first full run (or a new basis) find a state for the accounts
    /// of every hour of the day, not only of its last three: on the seed, 44,900 states instead of 18,065, no slower
    /// first run, 0.8 GB more managed heap in the web process after its warm-up (docs/performance.md, session 16). Zero stores none.
    /// </summary>
    public TimeSpan ResumableStateWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The process keeps its last run's analyses and analyzer states in memory (ADR-007), so that the next incremental
    /// run, the one after each ingest, takes them from there instead of reading and decoding them from the store. It
    /// costs the memory of every account's analysis and score between runs (1.65 GB of managed heap measured at the
    /// 16M-request seed's 226,070 accounts).
    /// </summary>
    public bool KeepAnalysesInMemory { get; set; } = true;

    /// <summary>
    /// While the process holds a touched account's newer analyzer state in memory, an incremental run writes it to the
    /// store again only once it has taken this many requests more than the stored one (ADR-007): a process started
    /// afresh resumes from the older stored state and reads those few requests again, instead of every run rewriting
    /// every active account's state (139 MB an hour at the `seed` scale). Zero writes them every run.
    /// </summary>
    public int StateRewriteRequests { get; set; } = 500;

    /// <summary>
    /// The web app runs an incremental run (trigger "warm-up") when it starts on a database that has completed runs and
    /// none queued or running, so that the memory of <see cref="KeepAnalysesInMemory"/> is in place before the first
    /// ingest asks for one (ADR-007): the run after that ingest is then as fast as any later one. Ignored when
    /// <see cref="KeepAnalysesInMemory"/> is off.
    /// </summary>
    public bool WarmUpOnStart { get; set; } = true;
}

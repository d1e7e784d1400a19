namespace InvestigationConsole.Application.Ingestion;

/// <summary>Settings of section "Ingest".</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Where exports are dropped; relative paths are under the data folder. Default: inbox.</summary>
    public string DropFolder { get; set; } = "inbox";

    /// <summary>Prompts kept as evidence per account (a reservoir sample of all its prompts).</summary>
    public int EvidenceSamplesPerAccount { get; set; } = 50;

    /// <summary>Evidence samples older than this are deleted by a daily job; 0 keeps them forever.</summary>
    public int EvidenceRetentionDays { get; set; } = 180;

    /// <summary>Lines per committed batch: the unit of a checkpoint.</summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>
    /// Rollup rows (hourly activity, addresses, account totals) a file may hold in memory before they are written with
    /// the next batch; otherwise they are written once, when the file ends. About 160 bytes each (80 MB at the default).
    /// </summary>
    public int MaxPendingRollups { get; set; } = 500_000;

    /// <summary>
    /// SQLite: a file adds its hourly activity and addresses to a small recent tier, merged into the main tables once it
    /// holds this fraction of their rows. Smaller merges more often (each merge rewrites the main tables); larger makes
    /// every file rewrite a larger recent tier. Readers see both tiers, so the setting never changes what they see.
    /// </summary>
    public double RecentRollupsFraction { get; set; } = 0.5;

    /// <summary>A dropped file is picked up once it has not changed for this long (it may still be copying).</summary>
    public int SettleSeconds { get; set; } = 2;
}

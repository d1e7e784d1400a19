namespace InvestigationConsole.Domain.Risk;

/// <summary>One recompute of scores and clusters: what started it, how far it got and what it found.</summary>
public sealed class DetectionRun
{
    public long Id { get; set; }
    public DetectionRunKind Kind { get; set; }

    /// <summary>What asked for it: "ingest", "schedule", "cli", or "admin:&lt;user&gt;".</summary>
    public string Trigger { get; set; } = "";

    public DetectionRunStatus Status { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public int AccountsTotal { get; set; }

    /// <summary>Accounts whose requests were read in this run; the rest reused their stored analyses.</summary>
    public int AccountsAnalysed { get; set; }

    public int AccountsFlagged { get; set; }
    public int Clusters { get; set; }
    public int CampaignClusters { get; set; }
    public int ScoreChanges { get; set; }
    public long RequestsRead { get; set; }
    public string? Error { get; set; }

    /// <summary>Seconds per phase as a JSON object, e.g. {"read":1.2,"engine":0.8,"write":0.4}.</summary>
    public string? PhaseTimingsJson { get; set; }

    /// <summary>The settings version the run used; null for the built-in defaults.</summary>
    public long? SettingsVersionId { get; set; }
}

public enum DetectionRunKind
{
    Full = 0,
    Incremental = 1,
}

public enum DetectionRunStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

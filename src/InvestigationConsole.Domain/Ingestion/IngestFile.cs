namespace InvestigationConsole.Domain.Ingestion;

/// <summary>The ledger row of one export file: what it is, how far ingestion got, and what it found.</summary>
public sealed class IngestFile
{
    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public string Path { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public GatewayStreamKind Stream { get; set; }
    public IngestStatus Status { get; set; }
    public string Source { get; set; } = "";
    public long LinesRead { get; set; }
    public long Accepted { get; set; }
    public long Duplicates { get; set; }
    public long Rejected { get; set; }

    /// <summary>Lines fully committed: a resumed job skips exactly these.</summary>
    public long CheckpointLine { get; set; }

    /// <summary>
    /// The highest arrival sequence (<c>Requests.Seq</c>) this file's rows may have. Rows of the file in
    /// (<see cref="RollupsThroughSeq"/>, <see cref="LastSeq"/>] are stored but not yet counted in the rollups.
    /// </summary>
    public long? LastSeq { get; set; }

    /// <summary>Every row of this file up to this arrival sequence is counted in the rollups, addresses and account totals.</summary>
    public long? RollupsThroughSeq { get; set; }

    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }

    /// <summary>A copy of the row: a batch carries the ledger as it must read after it, while the next batch is built.</summary>
    public IngestFile Copy() => (IngestFile)MemberwiseClone();

    /// <summary>Takes the counters, checkpoint and sequences of a committed batch's row.</summary>
    public void TakeProgressFrom(IngestFile committed)
    {
        LinesRead = committed.LinesRead;
        Accepted = committed.Accepted;
        Duplicates = committed.Duplicates;
        Rejected = committed.Rejected;
        CheckpointLine = committed.CheckpointLine;
        LastSeq = committed.LastSeq;
        RollupsThroughSeq = committed.RollupsThroughSeq;
    }
}

public enum GatewayStreamKind
{
    Accounts = 0,
    Requests = 1,
}

public enum IngestStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

namespace InvestigationConsole.Application.Ingestion;

/// <summary>Enqueues ingestion work as background jobs (Hangfire in Infrastructure).</summary>
public interface IIngestJobQueue
{
    /// <summary>Enqueues one file's ingest job, after <paramref name="afterJobId"/> when given; returns the job id.</summary>
    string EnqueueFile(long fileId, string? afterJobId = null);

    /// <summary>Asks for a drop-folder scan now rather than at the next scheduled one.</summary>
    void EnqueueScan();
}

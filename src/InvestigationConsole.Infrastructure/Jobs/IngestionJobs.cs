using Hangfire;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Simulation;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Domain.Risk;

namespace InvestigationConsole.Infrastructure.Jobs;

/// <summary>Hangfire entry points of ingestion. Jobs take ids, never objects, and are safe to run twice.</summary>
public sealed class IngestionJobs(IngestionRunner runner, DropFolderScan scan, EvidenceRetention retention, DemoScenarioSeed demo, DetectionScheduler detection)
{
    [Queue(JobQueues.Ingest)]
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 6 * 3600)]
    [JobDisplayName("Ingest file #{0}")]
    public Task IngestFileAsync(long fileId, CancellationToken cancellationToken) => IngestThenRescoreAsync(fileId, cancellationToken);

    [Queue(JobQueues.Ingest)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Scan the drop folder")]
    public Task ScanDropFolderAsync(CancellationToken cancellationToken) => scan.RunAsync(cancellationToken);

    private async Task IngestThenRescoreAsync(long fileId, CancellationToken cancellationToken)
    {
        var summary = await runner.RunAsync(fileId, progress: null, cancellationToken);
        if (summary.Status == IngestStatus.Completed && summary.Accepted > 0)
        {
            // New traffic or registry facts: rescore the accounts it touched (requests coalesce while one is queued).
            await detection.RequestAsync(DetectionRunKind.Incremental, "ingest", cancellationToken);
        }
    }

    [Queue(JobQueues.Default)]
    [JobDisplayName("Delete expired evidence samples")]
    public Task DeleteExpiredEvidenceAsync(CancellationToken cancellationToken) => retention.RunAsync(cancellationToken);

    [Queue(JobQueues.Ingest)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Seed the demo scenario")]
    public Task SeedDemoScenarioAsync(CancellationToken cancellationToken) => demo.RunAsync(cancellationToken);
}

internal sealed class HangfireIngestJobQueue(IBackgroundJobClient jobs) : IIngestJobQueue
{
    public string EnqueueFile(long fileId, string? afterJobId = null) =>
        afterJobId is null
            ? jobs.Enqueue<IngestionJobs>(j => j.IngestFileAsync(fileId, CancellationToken.None))
            : jobs.ContinueJobWith<IngestionJobs>(afterJobId, j => j.IngestFileAsync(fileId, CancellationToken.None), JobContinuationOptions.OnAnyFinishedState);

    public void EnqueueScan() => jobs.Enqueue<IngestionJobs>(j => j.ScanDropFolderAsync(CancellationToken.None));
}

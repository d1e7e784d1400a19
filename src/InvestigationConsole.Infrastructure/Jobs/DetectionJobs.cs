using Hangfire;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Domain.Risk;

namespace InvestigationConsole.Infrastructure.Jobs;

/// <summary>Hangfire entry points of detection. Jobs take run ids; a finished run is not run again.</summary>
public sealed class DetectionJobs(DetectionRecompute recompute, DetectionScheduler scheduler)
{
    /// <summary>Runs one queued run. One at a time across servers (the lock is per method, whatever the run).</summary>
    [Queue(JobQueues.Detection)]
    [AutomaticRetry(Attempts = 1)]
    [DisableConcurrentExecution(timeoutInSeconds: 6 * 3600)]
    [JobDisplayName("Detection run #{0}")]
    public Task RunAsync(long runId, CancellationToken cancellationToken) => recompute.RunQueuedAsync(runId, progress: null, cancellationToken);

    [Queue(JobQueues.Detection)]
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Scheduled full recompute")]
    public Task RequestFullAsync(CancellationToken cancellationToken) => scheduler.RequestAsync(DetectionRunKind.Full, "schedule", cancellationToken);
}

internal sealed class HangfireDetectionJobQueue(IBackgroundJobClient jobs) : IDetectionJobQueue
{
    public void EnqueueRun(long runId) => jobs.Enqueue<DetectionJobs>(j => j.RunAsync(runId, CancellationToken.None));
}

using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Jobs;
using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Scoring;

/// <summary>Enqueues detection runs as background jobs (Hangfire in Infrastructure).</summary>
public interface IDetectionJobQueue
{
    void EnqueueRun(long runId);
}

/// <summary>
/// Asks for a detection run. Requests coalesce: while a run that would cover this one is still queued, no second
/// one is added (ten ingested files in a row give one incremental run, not ten).
/// </summary>
public sealed class DetectionScheduler(IConsoleDbContextFactory contexts, DetectionRecompute recompute, IDetectionJobQueue queue)
{
    /// <returns>The id of the run that will do the work: a new one, or the queued one that covers it.</returns>
    public async Task<long> RequestAsync(DetectionRunKind kind, string trigger, CancellationToken cancellationToken = default)
    {
        await using (var db = contexts.Create())
        {
            var waiting = await db.DetectionRuns.AsNoTracking()
                .Where(r => r.Status == DetectionRunStatus.Queued && (r.Kind == DetectionRunKind.Full || r.Kind == kind))
                .OrderBy(r => r.Id).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
            if (waiting is { } id)
            {
                return id;
            }
        }

        var runId = await recompute.QueueAsync(kind, trigger, cancellationToken);
        queue.EnqueueRun(runId);
        return runId;
    }
}

/// <summary>Re-enqueues runs that were queued or running when the process stopped; a run starts over (it has no partial state).</summary>
public sealed class DetectionRecovery(IConsoleDbContextFactory contexts, IDetectionJobQueue queue) : IRecoverableWork
{
    public string Name => "detection runs";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var db = contexts.Create();
        var unfinished = await db.DetectionRuns
            .Where(r => r.Status == DetectionRunStatus.Queued || r.Status == DetectionRunStatus.Running)
            .OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in unfinished)
        {
            queue.EnqueueRun(id);
        }

        return unfinished.Count;
    }
}

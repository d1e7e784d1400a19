namespace InvestigationConsole.Application.Jobs;

/// <summary>
/// A kind of background work whose state lives in our own tables. On start it finds what was queued or running
/// when the process stopped and enqueues it again, so no work is lost whatever the job storage keeps.
/// </summary>
public interface IRecoverableWork
{
    string Name { get; }

    /// <summary>Re-enqueues unfinished work and returns how many items it re-enqueued.</summary>
    Task<int> RecoverAsync(CancellationToken cancellationToken);
}

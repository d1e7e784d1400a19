using InvestigationConsole.Application.Jobs;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>Re-enqueues files that were queued or running when the process stopped; they resume from their checkpoints.</summary>
public sealed class IngestRecovery(IngestLedger ledger, IIngestJobQueue queue) : IRecoverableWork
{
    public string Name => "ingestion";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        string? previous = null;
        var files = await ledger.UnfinishedAsync(cancellationToken);
        foreach (var id in files)
        {
            previous = queue.EnqueueFile(id, previous);
        }

        queue.EnqueueScan();
        return files.Count;
    }
}

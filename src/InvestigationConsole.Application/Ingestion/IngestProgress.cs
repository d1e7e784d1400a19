using System.Collections.Concurrent;
using InvestigationConsole.Domain.Ingestion;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>Where one file's ingestion stands, reported after every committed batch.</summary>
public sealed record IngestProgress(
    long FileId,
    string FileName,
    GatewayStreamKind Stream,
    double Fraction,
    long LinesRead,
    long Accepted,
    long Duplicates,
    long Rejected,
    double LinesPerSecond,
    TimeSpan? Remaining,
    bool Finished);

/// <summary>The live progress of running files, for the Ingestion page (one per process; the ledger is the record).</summary>
public sealed class IngestProgressBoard
{
    private readonly ConcurrentDictionary<long, IngestProgress> _running = new();

    public event Action? Changed;

    public IReadOnlyList<IngestProgress> Running => [.. _running.Values.OrderBy(p => p.FileId)];

    public void Report(IngestProgress progress)
    {
        if (progress.Finished)
        {
            _running.TryRemove(progress.FileId, out _);
        }
        else
        {
            _running[progress.FileId] = progress;
        }

        Changed?.Invoke();
    }
}

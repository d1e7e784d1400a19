using System.Diagnostics;
using InvestigationConsole.Application.Ingestion;

namespace InvestigationConsole.Benchmarks;

/// <summary>The real ingest store, timed: where the writing thread waits on SQLite.</summary>
internal sealed class TimedIngestStore(IIngestStore inner, TimedIngestStore.Clock clock) : IIngestStore
{
    public async Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var snapshot = await inner.LoadSnapshotAsync(cancellationToken);
        clock.Snapshot += Stopwatch.GetElapsedTime(start);
        return snapshot;
    }

    public async Task<string?> ReadMarkAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var mark = await inner.ReadMarkAsync(cancellationToken);
        clock.Snapshot += Stopwatch.GetElapsedTime(start);
        return mark;
    }

    public async Task<long> ReadMaxSeqAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var maxSeq = await inner.ReadMaxSeqAsync(cancellationToken);
        clock.Snapshot += Stopwatch.GetElapsedTime(start);
        return maxSeq;
    }

    public async Task<long> ReadRequestKeysAsync(long afterSeq, Action<long> onKey, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var through = await inner.ReadRequestKeysAsync(afterSeq, onKey, cancellationToken);
        clock.Snapshot += Stopwatch.GetElapsedTime(start);
        return through;
    }

    public async Task<IReadOnlySet<string>> FindStoredAsync(IReadOnlyCollection<RequestProbe> probes, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var found = await inner.FindStoredAsync(probes, cancellationToken);
        clock.Lookups += Stopwatch.GetElapsedTime(start);
        return found;
    }

    public async Task CommitAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.CommitAsync(batch, cancellationToken);
        clock.Commits += Stopwatch.GetElapsedTime(start);
        clock.Batches++;
    }

    public async Task ReadRequestsAsync(long afterSeq, long throughSeq, Action<Domain.Traffic.ApiRequest> onRequest, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.ReadRequestsAsync(afterSeq, throughSeq, onRequest, cancellationToken);
        clock.Snapshot += Stopwatch.GetElapsedTime(start);
    }

    public sealed class Clock
    {
        public TimeSpan Snapshot { get; set; }
        public TimeSpan Lookups { get; set; }
        public TimeSpan Commits { get; set; }
        public int Batches { get; set; }
    }
}

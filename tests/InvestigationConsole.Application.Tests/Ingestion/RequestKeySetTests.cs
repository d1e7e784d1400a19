using InvestigationConsole.Application.Ingestion;

namespace InvestigationConsole.Application.Tests.Ingestion;

public sealed class RequestKeySetTests
{
    [Fact]
    public void MayContain_AfterManyAddsAndGrowth_FindsEveryKeyAndNoOther()
    {
        var set = new RequestKeySet();
        var keys = Enumerable.Range(1, 200_000).Select(i => RequestKey.Of($"req-{i}")).ToArray();

        foreach (var key in keys)
        {
            set.Add(key);
        }

        Assert.All(keys, key => Assert.True(set.MayContain(key)));
        Assert.DoesNotContain(Enumerable.Range(200_001, 10_000), i => set.MayContain(RequestKey.Of($"req-{i}")));
        Assert.Equal(keys.Distinct().Count(), set.Count);
    }

    [Fact]
    public void Add_ZeroAndRepeatedKeys_CountsEachOnce()
    {
        var set = new RequestKeySet();

        set.Add(0);
        set.Add(0);
        set.Add(-5);
        set.Add(-5);

        Assert.True(set.MayContain(0));
        Assert.True(set.MayContain(-5));
        Assert.False(set.MayContain(7));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void MayContain_ManyKeysInOneSegment_GrowsItAndLosesNone()
    {
        var set = new RequestKeySet();
        var random = new Random(7);
        // Top 16 bits zero: one segment takes every key and grows many times over.
        var keys = Enumerable.Range(0, 100_000).Select(_ => random.NextInt64() >>> 16).ToArray();

        foreach (var key in keys)
        {
            set.Add(key);
        }

        Assert.All(keys, key => Assert.True(set.MayContain(key)));
        var others = Enumerable.Range(0, 100_000).Select(_ => random.NextInt64() >>> 16).Except(keys);
        Assert.True(others.Count(set.MayContain) < 10); // a fingerprint hit: ≈ 100,000 / 2^32 per lookup
    }

    [Fact]
    public void MayContain_OtherKeyWithSameSegmentAndFingerprint_IsAMaybeTheStoreMustConfirm()
    {
        var set = new RequestKeySet();
        var key = RequestKey.Of("r1");

        set.Add(key);

        // Only the top 16 and low 32 bits are kept: a key differing in between is a false positive, which costs a
        // lookup by request_id (IngestionTests.Ingest_KeySetFalsePositive_IsStoredAsNew), never a lost request.
        Assert.True(set.MayContain(key ^ (1L << 40)));
        Assert.False(set.MayContain(key ^ 1));
        Assert.False(set.MayContain(key ^ long.MinValue));
    }

    [Fact]
    public async Task Refresh_ManyStoredKeys_LoadsEveryOne()
    {
        var store = new KeyStore();
        store.Rows.AddRange(Enumerable.Range(1, 300_000).Select(i => ((long)i, RequestKey.Of($"req-{i}"))));
        var set = new RequestKeySet();

        await set.RefreshAsync(store, default);

        Assert.Equal(300_000L, set.LoadedThroughSeq);
        Assert.All(store.Rows, row => Assert.True(set.MayContain(row.Key)));
        Assert.True(Enumerable.Range(300_001, 100_000).Count(i => set.MayContain(RequestKey.Of($"req-{i}"))) < 10);
    }

    [Fact]
    public async Task Refresh_StoreGrewThenWasReplaced_TopsUpThenStartsOver()
    {
        var store = new KeyStore();
        var set = new RequestKeySet();
        store.Rows.AddRange([(1, 11L), (2, 12L)]);

        await set.RefreshAsync(store, default);
        store.Rows.Add((3, 13L));
        await set.RefreshAsync(store, default);

        Assert.Equal((3L, 3), (set.LoadedThroughSeq, set.Count));
        Assert.Equal(2L, store.LastAfter); // the second refresh asked only for rows after sequence 2

        store.Rows.Clear();
        store.Rows.Add((1, 99L));
        await set.RefreshAsync(store, default);

        Assert.Equal((1L, 1), (set.LoadedThroughSeq, set.Count));
        Assert.True(set.MayContain(99));
        Assert.False(set.MayContain(11));
    }

    private sealed class KeyStore : IIngestStore
    {
        public List<(long Seq, long Key)> Rows { get; } = [];

        public long LastAfter { get; private set; }

        public Task<long> ReadMaxSeqAsync(CancellationToken cancellationToken) =>
            Task.FromResult(Rows.Count == 0 ? 0 : Rows.Max(r => r.Seq));

        public Task<long> ReadRequestKeysAsync(long afterSeq, Action<long> onKey, CancellationToken cancellationToken)
        {
            LastAfter = afterSeq;
            var through = afterSeq;
            foreach (var (seq, key) in Rows.Where(r => r.Seq > afterSeq))
            {
                onKey(key);
                through = Math.Max(through, seq);
            }

            return Task.FromResult(through);
        }

        public Task<IngestSnapshot> LoadSnapshotAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlySet<string>> FindStoredAsync(IReadOnlyCollection<RequestProbe> probes, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CommitAsync(IngestBatch batch, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReadRequestsAsync(long afterSeq, long throughSeq, Action<Domain.Traffic.ApiRequest> onRequest, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

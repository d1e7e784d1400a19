using System.Numerics;

namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// Every stored request's 64-bit key, in memory: the duplicate filter of ingestion (ADR-004). A miss proves a request
/// is new; a hit only says "maybe", and the store confirms it by request_id. One per process, loaded from the
/// database on first use and topped up with the rows other processes appended since (by arrival sequence).
/// Open addressing over a <c>long[]</c>: 8 bytes per slot, about 11 bytes per key, so 16M keys take ≈ 190 MB.
/// </summary>
public sealed class RequestKeySet
{
    private const long Empty = 0;
    private const double MaxLoad = 0.7;

    private readonly Lock _gate = new();
    private long[] _slots = new long[1 << 16];
    private int _count;
    private bool _hasZero;

    /// <summary>The highest arrival sequence whose key is in the set.</summary>
    public long LoadedThroughSeq { get; private set; }

    public int Count => _count + (_hasZero ? 1 : 0);

    /// <summary>Adds the keys the store holds beyond <see cref="LoadedThroughSeq"/>; starts over if the store went backwards (a new database).</summary>
    public async Task RefreshAsync(IIngestStore store, CancellationToken cancellationToken)
    {
        var stored = await store.CountRequestsAsync(cancellationToken);
        lock (_gate)
        {
            if (stored.MaxSeq < LoadedThroughSeq)
            {
                _slots = new long[1 << 16];
                _count = 0;
                _hasZero = false;
                LoadedThroughSeq = 0;
            }

            EnsureCapacity(stored.Count);
        }

        var through = await store.ReadRequestKeysAsync(LoadedThroughSeq, Add, cancellationToken);
        lock (_gate)
        {
            LoadedThroughSeq = Math.Max(LoadedThroughSeq, through);
        }
    }

    /// <summary>
    /// Adds a committed batch's keys. The watermark moves past the batch only when the batch follows it directly: rows
    /// another process appended in between are still to be read by the next <see cref="RefreshAsync"/>.
    /// </summary>
    public void AddCommitted(IEnumerable<long> keys, (long First, long Last)? stored)
    {
        foreach (var key in keys)
        {
            Add(key);
        }

        lock (_gate)
        {
            if (stored is { } range && range.First == LoadedThroughSeq + 1)
            {
                LoadedThroughSeq = range.Last;
            }
        }
    }

    public bool MayContain(long key)
    {
        lock (_gate)
        {
            if (key == Empty)
            {
                return _hasZero;
            }

            var mask = _slots.Length - 1;
            for (var i = Slot(key, mask); ; i = (i + 1) & mask)
            {
                var slot = _slots[i];
                if (slot == key)
                {
                    return true;
                }

                if (slot == Empty)
                {
                    return false;
                }
            }
        }
    }

    public void Add(long key)
    {
        lock (_gate)
        {
            if (key == Empty)
            {
                _hasZero = true;
                return;
            }

            EnsureCapacity(_count + 1);
            if (Insert(_slots, key))
            {
                _count++;
            }
        }
    }

    private static bool Insert(long[] slots, long key)
    {
        var mask = slots.Length - 1;
        for (var i = Slot(key, mask); ; i = (i + 1) & mask)
        {
            if (slots[i] == key)
            {
                return false;
            }

            if (slots[i] == Empty)
            {
                slots[i] = key;
                return true;
            }
        }
    }

    private void EnsureCapacity(long keys)
    {
        if (keys <= _slots.Length * MaxLoad)
        {
            return;
        }

        var size = (int)BitOperations.RoundUpToPowerOf2((ulong)Math.Ceiling(keys / MaxLoad));
        var grown = new long[size];
        foreach (var key in _slots)
        {
            if (key != Empty)
            {
                Insert(grown, key);
            }
        }

        _slots = grown;
    }

    // Keys are already well-mixed hashes: the low bits index the table directly.
    private static int Slot(long key, int mask) => (int)key & mask;
}

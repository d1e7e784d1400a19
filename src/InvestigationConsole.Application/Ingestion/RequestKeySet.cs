namespace InvestigationConsole.Application.Ingestion;

/// <summary>
/// Every stored request's 64-bit key, in memory: the duplicate filter of ingestion (ADR-004). A miss proves a request
/// is new; a hit only says "maybe", and the store confirms it by request_id. One per process, loaded from the
/// database on first use and topped up with the rows other processes appended since (by arrival sequence).
/// </summary>
/// <remarks>
/// <para>
/// Compact on purpose (it holds every stored key, 16M at the seed's size): the key's top 16 bits choose one of 65,536
/// segments and only its low 32 bits, the fingerprint, are kept there, at a slot chosen by the fingerprint itself
/// (open addressing, linear probing). About 5–6 bytes per key (≈ 90 MB at 16M keys, against 256 MB for a table of
/// whole keys), and each segment grows on its own, so the set never holds a second copy of itself while it grows.
/// </para>
/// <para>
/// Why this is still a correct filter: an added key always lands in the same segment with the same fingerprint, and
/// entries are never removed, so <see cref="MayContain"/> finds every added key (no false negatives: a stored request
/// is never taken for new). Another key with the same top 16 and low 32 bits also reads as "maybe" (odds ≈ keys per
/// segment / 2³², one in 18 million new requests at 16M stored: half a false positive is expected over the whole
/// seed's ingest); the store then looks it up by request_id and finds nothing, so a false positive costs a lookup
/// (an index probe, then a scan of the key column), never a lost request. Fewer bits would make those scans common.
/// </para>
/// </remarks>
public sealed class RequestKeySet
{
    private const int SegmentBits = 16;
    private const int Segments = 1 << SegmentBits;
    private const int MinSlots = 4;
    private const uint Empty = 0;
    private const double MaxLoad = 0.8;

    private readonly Lock _gate = new();
    private readonly uint[][] _segments = new uint[Segments][];
    private readonly int[] _counts = new int[Segments];
    private int _count;

    public RequestKeySet() => Clear();

    /// <summary>The highest arrival sequence whose key is in the set.</summary>
    public long LoadedThroughSeq { get; private set; }

    /// <summary>Distinct (segment, fingerprint) entries: the keys added, less the rare ones that share an entry.</summary>
    public int Count => _count;

    /// <summary>Adds the keys the store holds beyond <see cref="LoadedThroughSeq"/>; starts over if the store went backwards (a new database).</summary>
    public async Task RefreshAsync(IIngestStore store, CancellationToken cancellationToken)
    {
        var maxSeq = await store.ReadMaxSeqAsync(cancellationToken);
        lock (_gate)
        {
            if (maxSeq < LoadedThroughSeq)
            {
                Clear();
                LoadedThroughSeq = 0;
            }

            // Sized once for what will be held (at most one key per sequence still to read), with room for the
            // segments that get more than their share.
            var perSegment = (int)Math.Min(int.MaxValue / 2, (_count + maxSeq - LoadedThroughSeq) / Segments * 5 / 4);
            for (var s = 0; s < Segments; s++)
            {
                EnsureCapacity(s, perSegment);
            }
        }

        // Keys arrive one at a time (16M at the seed's size): they are added a buffer at a time, under one lock each.
        var buffer = new long[1 << 16];
        var buffered = 0;
        void Collect(long key)
        {
            buffer[buffered++] = key;
            if (buffered == buffer.Length)
            {
                AddRange(buffer);
                buffered = 0;
            }
        }

        var through = await store.ReadRequestKeysAsync(LoadedThroughSeq, Collect, cancellationToken);
        AddRange(buffer.AsSpan(0, buffered));
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
        lock (_gate)
        {
            foreach (var key in keys)
            {
                AddLocked(key);
            }

            if (stored is { } range && range.First == LoadedThroughSeq + 1)
            {
                LoadedThroughSeq = range.Last;
            }
        }
    }

    public bool MayContain(long key)
    {
        var segment = SegmentOf(key);
        var fingerprint = FingerprintOf(key);
        lock (_gate)
        {
            var slots = _segments[segment];
            for (var i = SlotOf(fingerprint, slots.Length); ; i = Next(i, slots.Length))
            {
                var slot = slots[i];
                if (slot == fingerprint)
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
            AddLocked(key);
        }
    }

    private void AddRange(ReadOnlySpan<long> keys)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                AddLocked(key);
            }
        }
    }

    private void AddLocked(long key)
    {
        var segment = SegmentOf(key);
        EnsureCapacity(segment, _counts[segment] + 1);
        if (Insert(_segments[segment], FingerprintOf(key)))
        {
            _counts[segment]++;
            _count++;
        }
    }

    private static bool Insert(uint[] slots, uint fingerprint)
    {
        for (var i = SlotOf(fingerprint, slots.Length); ; i = Next(i, slots.Length))
        {
            if (slots[i] == fingerprint)
            {
                return false;
            }

            if (slots[i] == Empty)
            {
                slots[i] = fingerprint;
                return true;
            }
        }
    }

    private void EnsureCapacity(int segment, int entries)
    {
        var slots = _segments[segment];
        if (entries <= slots.Length * MaxLoad)
        {
            return;
        }

        // The slot comes from the fingerprint alone, so a segment is rebuilt from its own entries. A quarter more room
        // each time (any length will do): the set stays between 64 and 80 % full instead of 37 to 75 % by doubling.
        var grown = new uint[Math.Max(MinSlots, (int)Math.Ceiling(entries / (MaxLoad * 0.8)))];
        foreach (var fingerprint in slots)
        {
            if (fingerprint != Empty)
            {
                Insert(grown, fingerprint);
            }
        }

        _segments[segment] = grown;
    }

    private void Clear()
    {
        for (var s = 0; s < Segments; s++)
        {
            _segments[s] = new uint[MinSlots];
        }

        Array.Clear(_counts);
        _count = 0;
    }

    private static int SegmentOf(long key) => (int)((ulong)key >> (64 - SegmentBits));

    // Zero marks an empty slot, so a zero fingerprint is stored as 1 (a "maybe" shared with those keys).
    private static uint FingerprintOf(long key) => (uint)key is var low && low != Empty ? low : 1;

    // The fingerprint scaled to the segment's length (keys are well-mixed hashes), so any length will do.
    private static int SlotOf(uint fingerprint, int length) => (int)(((ulong)fingerprint * (uint)length) >> 32);

    private static int Next(int slot, int length) => slot + 1 == length ? 0 : slot + 1;
}

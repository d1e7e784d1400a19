using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Fingerprints;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// Groups requests read in arrival order by account, then hands them over in (account, time) order. A full recompute
/// holds every request of its accounts here at once, so rows are kept packed: fixed-size chunks of structs without
/// references (addresses and other text as numbers into one table), which the GC never scans and never copies, and
/// a counting sort by account instead of a growing list per account.
/// </summary>
internal sealed class RequestsByAccount
{
    private const int ChunkRows = 16_384;

    private readonly int _lo;
    private readonly Dictionary<int, int>? _slots;
    private readonly int _slotCount;
    private readonly List<PackedRow[]> _chunks = [];
    private int _count;
    private SlotIndex? _index;

    /// <param name="sortedKeys">The accounts to keep, ascending; rows of other accounts are skipped.</param>
    public RequestsByAccount(IReadOnlyList<int> sortedKeys)
    {
        _lo = sortedKeys.Count == 0 ? 0 : sortedKeys[0];
        _slotCount = sortedKeys.Count;
        var contiguous = sortedKeys.Count == 0 || sortedKeys[^1] - _lo + 1 == sortedKeys.Count;
        if (!contiguous)
        {
            _slots = new Dictionary<int, int>(sortedKeys.Count);
            for (var i = 0; i < sortedKeys.Count; i++)
            {
                _slots[sortedKeys[i]] = i;
            }
        }
    }

    /// <summary>The texts of the rows added: their <see cref="PackedRow.Ip"/> and <see cref="PackedRow.IpPrefix"/> are ids here.</summary>
    public TextIds Texts { get; } = new();

    /// <summary>Whether rows of this account are kept: a reader can skip the others before decoding them.</summary>
    public bool Wants(int accountKey) => SlotOf(accountKey) >= 0;

    public void Add(in StoredRequest row) => Add(new PackedRow
    {
        Ticks = row.Timestamp.UtcTicks,
        InputTokens = row.InputTokens,
        OutputTokens = row.OutputTokens,
        Sketch = row.Sketch,
        AccountKey = row.AccountKey,
        Traits = row.Traits,
        ToolCount = row.ToolCount,
        Ip = Texts.IdOf(row.Ip),
        IpPrefix = Texts.IdOf(row.IpPrefix),
        ModelId = row.ModelId,
        UserAgentId = row.UserAgentId ?? PackedRow.NoId,
        EndpointId = row.EndpointId ?? PackedRow.NoId,
        HasPrompt = row.HasPrompt,
    });

    public void Add(in PackedRow row)
    {
        if (_index is not null)
        {
            throw new InvalidOperationException("The grouping is sealed.");
        }

        if (!Wants(row.AccountKey))
        {
            return;
        }

        if (_count == _chunks.Count * ChunkRows)
        {
            _chunks.Add(new PackedRow[ChunkRows]);
        }

        _chunks[_count / ChunkRows][_count % ChunkRows] = row;
        _count++;
    }

    /// <summary>Each account's rows in time order (stable: arrival order breaks ties), accounts in key order.</summary>
    public void Emit(Action<StoredRequest> onRequest)
    {
        Seal();
        Emit([this], 0, _slotCount, onRequest);
        _chunks.Clear();
    }

    /// <summary>
    /// Emits the accounts of slots [<paramref name="fromSlot"/>, <paramref name="toSlot"/>) (positions in the sorted keys)
    /// from groupings of consecutive parts of one pass: each account's rows of the first part come before those of the
    /// next in arrival order. Groupings must be <see cref="Seal"/>ed and built for the same keys; disjoint slot ranges
    /// may be emitted in parallel.
    /// </summary>
    public static void Emit(IReadOnlyList<RequestsByAccount> parts, int fromSlot, int toSlot, Action<StoredRequest> onRequest)
    {
        // An account's rows are spread over the whole pass: they are copied side by side first, in a loop whose loads do
        // not wait for one another, then checked, sorted and handed over from that copy.
        var rows = new PackedRow[64];
        var owners = new int[64];
        var keyed = Array.Empty<(long Ticks, int Index)>();
        var indexes = new SlotIndex[parts.Count];
        for (var p = 0; p < parts.Count; p++)
        {
            indexes[p] = parts[p]._index ?? throw new InvalidOperationException("Seal each grouping before emitting it.");
        }

        for (var s = fromSlot; s < toSlot; s++)
        {
            var count = 0;
            for (var p = 0; p < parts.Count; p++)
            {
                count += indexes[p].Starts[s + 1] - indexes[p].Starts[s];
            }

            if (rows.Length < count)
            {
                var size = (int)Math.Min(Array.MaxLength, Math.Max((long)count, rows.Length * 2L));
                rows = new PackedRow[size];
                owners = new int[size];
            }

            var n = 0;
            for (var p = 0; p < parts.Count; p++)
            {
                var (index, part) = (indexes[p], parts[p]);
                for (var k = index.Starts[s]; k < index.Starts[s + 1]; k++, n++)
                {
                    rows[n] = part.Row(index.Order[k]);
                    owners[n] = p;
                }
            }

            if (InTimeOrder(rows.AsSpan(0, count)))
            {
                for (var k = 0; k < count; k++)
                {
                    onRequest(ToStored(rows[k], parts[owners[k]].Texts));
                }

                continue;
            }

            // Positions are arrival order and break ties, so the order is that of a stable sort.
            if (keyed.Length < count)
            {
                keyed = new (long, int)[Math.Max(count, keyed.Length * 2)];
            }

            for (var k = 0; k < count; k++)
            {
                keyed[k] = (rows[k].Ticks, k);
            }

            Array.Sort(keyed, 0, count);
            for (var k = 0; k < count; k++)
            {
                var r = keyed[k].Index;
                onRequest(ToStored(rows[r], parts[owners[r]].Texts));
            }
        }
    }

    private static StoredRequest ToStored(in PackedRow row, TextIds texts) => new(
        row.AccountKey, new DateTimeOffset(row.Ticks, TimeSpan.Zero), row.InputTokens, row.OutputTokens, row.Traits, row.Sketch,
        row.ToolCount, texts[row.Ip], texts[row.IpPrefix], row.ModelId,
        row.UserAgentId == PackedRow.NoId ? null : row.UserAgentId, row.EndpointId == PackedRow.NoId ? null : row.EndpointId, row.HasPrompt);

    /// <summary>How many rows the accounts of slots [<paramref name="fromSlot"/>, <paramref name="toSlot"/>) have; the grouping must be sealed.</summary>
    public int RowsOf(int fromSlot, int toSlot)
    {
        var index = _index ?? throw new InvalidOperationException("Seal the grouping first.");
        return index.Starts[toSlot] - index.Starts[fromSlot];
    }

    /// <summary>Indexes the rows added by account (a counting sort); no row may be added after.</summary>
    public void Seal()
    {
        if (_index is not null)
        {
            return;
        }

        var starts = new int[_slotCount + 1];
        for (var r = 0; r < _count; r++)
        {
            starts[SlotOf(Row(r).AccountKey) + 1]++;
        }

        for (var s = 0; s < _slotCount; s++)
        {
            starts[s + 1] += starts[s];
        }

        var order = new int[_count];
        var next = starts[..^1];
        for (var r = 0; r < _count; r++)
        {
            order[next[SlotOf(Row(r).AccountKey)]++] = r;
        }

        _index = new SlotIndex(starts, order);
        Texts.Seal();
    }

    private ref PackedRow Row(int r) => ref _chunks[r / ChunkRows][r % ChunkRows];

    private int SlotOf(int key)
    {
        if (_slots is not null)
        {
            return _slots.TryGetValue(key, out var slot) ? slot : -1;
        }

        var offset = key - _lo;
        return offset >= 0 && offset < _slotCount ? offset : -1;
    }

    private static bool InTimeOrder(ReadOnlySpan<PackedRow> rows)
    {
        for (var k = 1; k < rows.Length; k++)
        {
            if (rows[k - 1].Ticks > rows[k].Ticks)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Each slot's rows: Order[Starts[s] .. Starts[s + 1]] in arrival order.</summary>
    private sealed record SlotIndex(int[] Starts, int[] Order);

    /// <summary>A request without references (text as ids into <see cref="Texts"/>): 96 bytes, never scanned by the GC.</summary>
    internal struct PackedRow
    {
        /// <summary>A missing user agent or endpoint id.</summary>
        public const int NoId = int.MinValue;

        public long Ticks;
        public long InputTokens;
        public long OutputTokens;
        public TemplateSketch Sketch;
        public int AccountKey;
        public int Traits;
        public int ToolCount;
        public int Ip;
        public int IpPrefix;
        public int ModelId;
        public int UserAgentId;
        public int EndpointId;
        public bool HasPrompt;
    }
}

using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// The distinct texts of one read (addresses, networks) as dense ids. A full recompute looks up two addresses per
/// request, tens of millions in all among millions of distinct ones, so SQLite's UTF-8 bytes are looked up without
/// decoding them: an open-addressing table whose slot holds the hash, the id and, for texts of up to 16 bytes (every
/// IPv4 address and network), the bytes themselves, so that a lookup usually touches one cache line. Only a text not
/// seen before becomes a string.
/// </summary>
internal sealed class TextIds
{
    private const int InlineBytes = 16;

    private readonly List<string> _texts = [];
    private List<byte[]> _utf8 = [];
    private Dictionary<string, int> _byText = new(StringComparer.Ordinal);
    private Slot[] _slots = new Slot[1024];
    private int _used;

    public string this[int id] => _texts[id];

    /// <summary>
    /// Lets go of the lookup tables (hundreds of MB at the seed's millions of addresses) once every row is read: from
    /// then on texts are only looked up by id. No id can be asked for after.
    /// </summary>
    public void Seal()
    {
        _utf8 = null!;
        _byText = null!;
        _slots = null!;
    }

    public int IdOf(string text)
    {
        ThrowIfSealed();
        if (!_byText.TryGetValue(text, out var id))
        {
            _byText[text] = id = _texts.Count;
            _texts.Add(text);
            _utf8.Add(Encoding.UTF8.GetBytes(text));
        }

        return id;
    }

    public int IdOf(ReadOnlySpan<byte> utf8) => IdOf(utf8, HashOf(utf8));

    /// <summary>
    /// Asks the processor to load the table slot where a text of this hash is looked for first, so that a lookup made a
    /// little later does not wait for memory. Only a hint: it changes nothing.
    /// </summary>
    public unsafe void Prefetch(ulong hash)
    {
        if (Sse.IsSupported && _slots is { } slots)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref slots[(int)hash & (slots.Length - 1)]));
        }
    }

    /// <param name="hash">The text's <see cref="HashOf"/>.</param>
    public int IdOf(ReadOnlySpan<byte> utf8, ulong hash)
    {
        ThrowIfSealed();
        var mask = _slots.Length - 1;
        for (var i = (int)hash & mask; ; i = (i + 1) & mask)
        {
            ref var slot = ref _slots[i];
            if (slot.IdPlusOne == 0)
            {
                // Not seen as bytes yet; the text decides the id, so a text seen as a string before keeps its id.
                var id = IdOf(Encoding.UTF8.GetString(utf8));
                slot.Hash = hash;
                slot.IdPlusOne = id + 1;
                slot.Length = utf8.Length;
                if (utf8.Length <= InlineBytes)
                {
                    utf8.CopyTo(slot.Bytes);
                }

                if (++_used * 2 > _slots.Length)
                {
                    Grow();
                }

                return id;
            }

            if (slot.Hash == hash && slot.Length == utf8.Length
                && (utf8.Length <= InlineBytes ? utf8.SequenceEqual(((ReadOnlySpan<byte>)slot.Bytes)[..utf8.Length]) : utf8.SequenceEqual(_utf8[slot.IdPlusOne - 1])))
            {
                return slot.IdPlusOne - 1;
            }
        }
    }

    private void ThrowIfSealed()
    {
        if (_slots is null)
        {
            throw new InvalidOperationException("These text ids are sealed: texts are looked up by id only.");
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot.IdPlusOne == 0)
            {
                continue;
            }

            var i = (int)slot.Hash & mask;
            while (_slots[i].IdPlusOne != 0)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = slot;
        }
    }

    /// <summary>The hash <see cref="IdOf(ReadOnlySpan{byte}, ulong)"/> and <see cref="Prefetch"/> take.</summary>
    public static ulong HashOf(ReadOnlySpan<byte> bytes)
    {
        var h = (ulong)bytes.Length * 0x9E37_79B9_7F4A_7C15;
        while (bytes.Length >= sizeof(ulong))
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 0xFF51_AFD7_ED55_8CCD;
            h ^= h >> 32;
            bytes = bytes[sizeof(ulong)..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        h = (h ^ tail) * 0xC4CE_B9FE_1A85_EC53;
        return h ^ (h >> 29);
    }

    /// <summary>32 bytes: two slots per cache line.</summary>
    private struct Slot
    {
        public ulong Hash;
        public int IdPlusOne;
        public int Length;
        public SlotBytes Bytes;
    }

    [InlineArray(InlineBytes)]
    private struct SlotBytes
    {
        private byte _first;
    }
}

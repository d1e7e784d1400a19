using System.Buffers.Binary;
using System.Text;

namespace InvestigationConsole.Infrastructure.Data.Scoring;

/// <summary>
/// The distinct texts of one read (addresses, networks) as dense ids. A full recompute looks up two addresses per
/// request, tens of millions in all, so SQLite's UTF-8 bytes are looked up by a 64-bit hash and compared byte for byte,
/// without decoding them into a string first; only a text not seen before becomes a string.
/// </summary>
internal sealed class TextIds
{
    private readonly List<string> _texts = [];
    private readonly List<byte[]> _utf8 = [];
    private readonly Dictionary<ulong, int> _byHash = [];
    private readonly Dictionary<string, int> _byText = new(StringComparer.Ordinal);

    public string this[int id] => _texts[id];

    public int IdOf(string text)
    {
        if (!_byText.TryGetValue(text, out var id))
        {
            _byText[text] = id = _texts.Count;
            _texts.Add(text);
            _utf8.Add(Encoding.UTF8.GetBytes(text));
        }

        return id;
    }

    public int IdOf(ReadOnlySpan<byte> utf8)
    {
        var hash = Hash(utf8);
        if (_byHash.TryGetValue(hash, out var id) && _utf8[id].AsSpan().SequenceEqual(utf8))
        {
            return id;
        }

        // New, or (astronomically rarely) another text with the same hash: the text itself decides.
        id = IdOf(Encoding.UTF8.GetString(utf8));
        _byHash.TryAdd(hash, id);
        return id;
    }

    private static ulong Hash(ReadOnlySpan<byte> bytes)
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
}

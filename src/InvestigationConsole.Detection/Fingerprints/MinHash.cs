using System.Numerics;
using System.Runtime.InteropServices;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Fingerprints;

/// <summary>
/// MinHash over a prompt's distinct words and its LSH banding: two prompts agree on one signature slot
/// with probability equal to the Jaccard similarity of their word sets, and on a whole band with that to the 4th.
/// </summary>
internal static class MinHash
{
    public const int Permutations = 32;
    public const int Bands = 8;
    public const int RowsPerBand = Permutations / Bands;

    // Per-slot hash (a * x + b, then the MurmurHash3 32-bit finaliser). Fixed for all time: stored sketches
    // are only comparable while these stay unchanged.
    internal static ReadOnlySpan<uint> Multipliers =>
    [
        0x3A8163C9, 0xF6CF8825, 0x850A4121, 0x17DBF0FB, 0x036F047F, 0x885E3587, 0x3AAE4045, 0x87A1B09D,
        0xDA1EAF69, 0xF7AB5777, 0xA29983A3, 0x0485E40F, 0xF4D1244F, 0xDD41AB09, 0x73581A1D, 0xD26271BD,
        0x149D5F59, 0xEB9AF22F, 0x53B8C1CD, 0x2784B2FF, 0xE52C8DE9, 0x6329E6E9, 0xB50BDC85, 0xB8F3A0D3,
        0x01B9DF35, 0x2DE038C9, 0x348C966D, 0x51DBED65, 0x139D9865, 0x26AC8EE5, 0x32955FB9, 0x50690657,
    ];

    internal static ReadOnlySpan<uint> Offsets =>
    [
        0x53817227, 0xA921D99C, 0x01A05983, 0xB385D277, 0x68E5D12C, 0x6CAC7F54, 0xDF0D6571, 0xC08C3B90,
        0xE7FDCDCA, 0xC54622CF, 0x52F6720C, 0xEC20C0FF, 0x4CD64DC6, 0xBB6BE6C8, 0xD7A6176C, 0x6F0A0F70,
        0xC23BACCA, 0x7F6E1927, 0x2A7B52A4, 0x5B9FCEA3, 0x0B95E198, 0xB940B74D, 0xBFF5AA50, 0x43F4D144,
        0xC4498EE7, 0xAB725432, 0x4DBB9612, 0x84FC2B6E, 0x0F4C3925, 0xF2ED6481, 0x54D08BF6, 0x21C316C9,
    ];

    /// <summary>Fills <paramref name="signature"/> (32 slots) with the minimum of each slot's hash over all words.</summary>
    public static void Signature(ReadOnlySpan<ulong> words, Span<uint> signature)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(signature.Length, Permutations);

        // Lane-wise integer arithmetic gives the same answer on every vector width, so this stays portable.
        var width = Vector<uint>.Count;
        ref var multipliers = ref MemoryMarshal.GetReference(Multipliers);
        ref var offsets = ref MemoryMarshal.GetReference(Offsets);
        for (var lane = 0; lane < Permutations; lane += width)
        {
            var a = Vector.LoadUnsafe(ref multipliers, (nuint)lane);
            var b = Vector.LoadUnsafe(ref offsets, (nuint)lane);
            var min = Vector<uint>.AllBitsSet;
            foreach (var word in words)
            {
                var h = (new Vector<uint>((uint)word ^ (uint)(word >> 32)) * a) + b;
                h ^= Vector.ShiftRightLogical(h, 16);
                h *= new Vector<uint>(0x85EBCA6B);
                h ^= Vector.ShiftRightLogical(h, 13);
                h *= new Vector<uint>(0xC2B2AE35);
                h ^= Vector.ShiftRightLogical(h, 16);
                min = Vector.Min(min, h);
            }

            min.CopyTo(signature[lane..]);
        }
    }

    /// <summary>Hashes each band's four signature slots into one key; never zero, so zero can mean "no sketch".</summary>
    public static void BandKeys(ReadOnlySpan<uint> signature, Span<uint> keys)
    {
        for (var band = 0; band < Bands; band++)
        {
            var rows = signature.Slice(band * RowsPerBand, RowsPerBand);
            // The band number is mixed in so equal rows in different bands still give different keys
            // when keys from all bands share one index.
            var h = StableHash.Mix((((ulong)rows[0] << 32) | rows[1]) ^ (0x9E37_79B9_7F4A_7C15UL * (ulong)(band + 1)));
            h = StableHash.Mix(h ^ (((ulong)rows[2] << 32) | rows[3]));
            var key = (uint)(h ^ (h >> 32));
            keys[band] = key == 0 ? 1u : key;
        }
    }
}

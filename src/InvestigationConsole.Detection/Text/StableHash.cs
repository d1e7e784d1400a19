namespace InvestigationConsole.Detection.Text;

/// <summary>
/// Hashing with fixed constants: sketches are stored and compared across processes and machines,
/// so nothing here may depend on per-process randomised seeds such as string.GetHashCode.
/// </summary>
internal static class StableHash
{
    public const ulong FnvOffset = 0xCBF2_9CE4_8422_2325;
    public const ulong FnvPrime = 0x0000_0100_0000_01B3;

    /// <summary>The MurmurHash3 64-bit finaliser: a bijection that spreads every input bit over the output.</summary>
    public static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51_AFD7_ED55_8CCD;
        h ^= h >> 33;
        h *= 0xC4CE_B9FE_1A85_EC53;
        return h ^ (h >> 33);
    }

    /// <summary>FNV-1a over the UTF-16 code units, then <see cref="Mix"/>: stable across processes.</summary>
    public static ulong Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var h = FnvOffset;
        foreach (var c in text)
        {
            h = (h ^ c) * FnvPrime;
        }

        return Mix(h);
    }

    /// <summary>
    /// <see cref="Of"/> of the texts an analyzer hashes per request (model, user agent, endpoint): a run hands over the
    /// same few string instances again and again, so each slot remembers the last instance it hashed.
    /// </summary>
    internal sealed class Recent
    {
        private const int Slots = 64;
        private readonly string?[] _texts = new string?[Slots];
        private readonly ulong[] _hashes = new ulong[Slots];

        public ulong Of(string text)
        {
            var slot = (int)((uint)System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(text) % Slots);
            if (!ReferenceEquals(_texts[slot], text))
            {
                _hashes[slot] = StableHash.Of(text);
                _texts[slot] = text;
            }

            return _hashes[slot];
        }
    }
}

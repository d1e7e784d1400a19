using InvestigationConsole.Detection.Fingerprints;

namespace InvestigationConsole.Detection.Scoring;

/// <summary>
/// The share of an account's prompts that are near-duplicates of at least k others of its prompts:
/// a prompt counts when one of its eight LSH band keys is shared by k other prompts in the same band.
/// </summary>
public static class TemplateConcentration
{
    public static double Of(IReadOnlyList<TemplateSketch> sketches, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(sketches);
        if (sketches.Count == 0)
        {
            return 0;
        }

        var counts = t_counts ??= new KeyCounts();
        counts.Reset(sketches.Count * MinHash.Bands);
        foreach (var sketch in sketches)
        {
            for (var band = 0; band < MinHash.Bands && !sketch.IsEmpty; band++)
            {
                counts.Increment(BandKey(band, sketch.Band(band)));
            }
        }

        return Share(sketches, neighbours, new TableCounts(counts));
    }

    /// <summary>
    /// The same share when the count of every band key of <paramref name="sketches"/> is already known (an analyzer
    /// counts them as it reads): only the pass that looks the counts up is made.
    /// </summary>
    public static double Of(IReadOnlyList<TemplateSketch> sketches, int neighbours, Dictionary<ulong, int> bandKeyCounts)
    {
        ArgumentNullException.ThrowIfNull(sketches);
        ArgumentNullException.ThrowIfNull(bandKeyCounts);
        return sketches.Count == 0 ? 0 : Share(sketches, neighbours, new DictionaryCounts(bandKeyCounts));
    }

    private static double Share<TCounts>(IReadOnlyList<TemplateSketch> sketches, int neighbours, TCounts counts)
        where TCounts : struct, ICounts
    {
        var concentrated = 0;
        foreach (var sketch in sketches)
        {
            for (var band = 0; band < MinHash.Bands && !sketch.IsEmpty; band++)
            {
                if (counts.Get(BandKey(band, sketch.Band(band))) > neighbours)
                {
                    concentrated++;
                    break;
                }
            }
        }

        return (double)concentrated / sketches.Count;
    }

    private interface ICounts
    {
        int Get(ulong key);
    }

    private readonly struct TableCounts(KeyCounts table) : ICounts
    {
        public int Get(ulong key) => table.Get(key);
    }

    private readonly struct DictionaryCounts(Dictionary<ulong, int> counts) : ICounts
    {
        public int Get(ulong key) => counts.GetValueOrDefault(key);
    }

    /// <summary>A band key qualified by its band number, so equal keys in different bands never meet.</summary>
    public static ulong BandKey(int band, uint key) => ((ulong)(uint)band << 32) | key;

    /// <summary>A thread's table, reused for every account: a new dictionary per account landed on the large object heap.</summary>
    [ThreadStatic]
    private static KeyCounts? t_counts;

    /// <summary>
    /// Counts per key in an open-addressing table reused between accounts: a slot is in use only when it carries the
    /// current generation, so starting over clears nothing.
    /// </summary>
    internal sealed class KeyCounts
    {
        private ulong[] _keys = [];
        private int[] _counts = [];
        private int[] _generations = [];
        private int _generation;
        private int _mask;

        /// <summary>Empties the table for up to <paramref name="maxKeys"/> distinct keys.</summary>
        public void Reset(int maxKeys)
        {
            var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, maxKeys * 2));
            if (size > _keys.Length)
            {
                _keys = new ulong[size];
                _counts = new int[size];
                _generations = new int[size];
                _generation = 0;
            }

            _mask = _keys.Length - 1;
            if (++_generation == int.MaxValue)
            {
                Array.Clear(_generations);
                _generation = 1;
            }
        }

        public void Increment(ulong key) => _counts[SlotOf(key)]++;

        public int Get(ulong key) => _counts[SlotOf(key)];

        private int SlotOf(ulong key)
        {
            for (var i = (int)Text.StableHash.Mix(key) & _mask; ; i = (i + 1) & _mask)
            {
                if (_generations[i] != _generation)
                {
                    _generations[i] = _generation;
                    _keys[i] = key;
                    _counts[i] = 0;
                    return i;
                }

                if (_keys[i] == key)
                {
                    return i;
                }
            }
        }
    }
}

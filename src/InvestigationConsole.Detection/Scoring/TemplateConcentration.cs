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

        var counts = new Dictionary<ulong, int>(sketches.Count * 2);
        foreach (var sketch in sketches)
        {
            for (var band = 0; band < MinHash.Bands && !sketch.IsEmpty; band++)
            {
                var key = BandKey(band, sketch.Band(band));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var concentrated = 0;
        foreach (var sketch in sketches)
        {
            for (var band = 0; band < MinHash.Bands && !sketch.IsEmpty; band++)
            {
                if (counts[BandKey(band, sketch.Band(band))] > neighbours)
                {
                    concentrated++;
                    break;
                }
            }
        }

        return (double)concentrated / sketches.Count;
    }

    /// <summary>A band key qualified by its band number, so equal keys in different bands never meet.</summary>
    public static ulong BandKey(int band, uint key) => ((ulong)(uint)band << 32) | key;
}

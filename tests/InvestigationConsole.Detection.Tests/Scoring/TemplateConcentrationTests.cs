using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Tests.Scoring;

/// <summary>The per-thread table reused between accounts must count as a fresh dictionary per account would.</summary>
public sealed class TemplateConcentrationTests
{
    [Fact]
    public void Of_AccountsOneAfterAnother_EqualsAFreshCountPerAccount()
    {
        var random = new Random(17);
        foreach (var size in new[] { 900, 3, 0, 40, 2500, 1, 60, 700 })
        {
            var sketches = Enumerable.Range(0, size)
                .Select(i => random.Next(5) == 0 ? TemplateSketch.Empty : TemplateSketch.Compute($"summarise the report on {random.Next(size / 4 + 1)} for team {random.Next(3)} please"))
                .ToList();

            Assert.Equal(Reference(sketches, 3), TemplateConcentration.Of(sketches, 3));
        }
    }

    [Fact]
    public void Of_WithTheBandKeyCountsGiven_EqualsCountingThemAnew()
    {
        var random = new Random(23);
        foreach (var size in new[] { 0, 1, 5, 300, 2000 })
        {
            var sketches = Enumerable.Range(0, size)
                .Select(i => random.Next(4) == 0 ? TemplateSketch.Empty : TemplateSketch.Compute($"grade answer {random.Next(size / 5 + 1)} against rubric {random.Next(2)}"))
                .ToList();
            var counts = new Dictionary<ulong, int>();
            foreach (var sketch in sketches.Where(s => !s.IsEmpty))
            {
                for (var band = 0; band < MinHash.Bands; band++)
                {
                    var key = TemplateConcentration.BandKey(band, sketch.Band(band));
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }

            Assert.Equal(Reference(sketches, 3), TemplateConcentration.Of(sketches, 3, counts));
            Assert.Equal(TemplateConcentration.Of(sketches, 3), TemplateConcentration.Of(sketches, 3, counts));
        }
    }

    private static double Reference(List<TemplateSketch> sketches, int neighbours)
    {
        if (sketches.Count == 0)
        {
            return 0;
        }

        var counts = new Dictionary<ulong, int>();
        var keys = sketches.Select(s => s.IsEmpty ? [] : Enumerable.Range(0, MinHash.Bands).Select(b => TemplateConcentration.BandKey(b, s.Band(b))).ToArray()).ToList();
        foreach (var key in keys.SelectMany(k => k))
        {
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return (double)keys.Count(k => k.Any(key => counts[key] > neighbours)) / sketches.Count;
    }
}

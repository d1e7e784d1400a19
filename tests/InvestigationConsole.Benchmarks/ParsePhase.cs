using System.Diagnostics;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// The reading thread's work alone, on one core: parse the request lines, then parse and compute prompt features,
/// over up to <c>limit</c> lines. Tells whether the reader or the writer sets the pace.
/// </summary>
internal static class ParsePhase
{
    public static Task<Dictionary<string, double>> RunAsync(long limit, string[] files)
    {
        Pass(Math.Min(limit, 200_000), files, features: true); // warm-up: JIT tiers and the page cache
        var (lines, parseSeconds) = Pass(limit, files, features: false);
        var (_, featureSeconds) = Pass(limit, files, features: true);
        return Task.FromResult(new Dictionary<string, double>
        {
            ["lines"] = lines,
            ["parse_lines_per_second"] = lines / parseSeconds,
            ["parse_and_features_lines_per_second"] = lines / featureSeconds,
        });
    }

    private static (long Lines, double Seconds) Pass(long limit, string[] files, bool features)
    {
        var watch = Stopwatch.StartNew();
        var lines = 0L;
        var traits = 0L;
        foreach (var path in files)
        {
            using var reader = GatewayFileReader.Open(path, GatewayStream.Requests);
            while (lines < limit && reader.TryRead(out var line))
            {
                lines++;
                if (features && line.Request is { } request)
                {
                    traits += (long)PromptFeatureExtractor.Extract(request.Prompt).Traits;
                }
            }
        }

        GC.KeepAlive(traits);
        return (lines, watch.Elapsed.TotalSeconds);
    }
}

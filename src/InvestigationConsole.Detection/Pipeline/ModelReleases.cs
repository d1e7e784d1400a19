using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Pipeline;

/// <summary>Model releases inferred from the logs: a model first seen well after the data starts was released then.</summary>
public static class ModelReleases
{
    /// <param name="firstSeen">Each model and the earliest request that named it.</param>
    /// <param name="dataStart">The earliest request of all.</param>
    /// <param name="settle">Models first seen within this time of the data's start were already out: not releases.</param>
    public static IReadOnlyList<ModelRelease> Infer(IEnumerable<KeyValuePair<string, DateTimeOffset>> firstSeen, DateTimeOffset dataStart, TimeSpan? settle = null)
    {
        ArgumentNullException.ThrowIfNull(firstSeen);
        var after = dataStart + (settle ?? TimeSpan.FromDays(1));
        return firstSeen.Where(pair => pair.Value >= after)
            .Select(pair => new ModelRelease(pair.Key, pair.Value))
            .OrderBy(release => release.ReleasedAt).ThenBy(release => release.Model, StringComparer.Ordinal)
            .ToArray();
    }
}

namespace InvestigationConsole.Detection.Scoring;

/// <summary>
/// What the population did, for signals judged relative to it: model releases, and for each the
/// typical (median) share of an account's traffic that went to the new model in its first 24 h.
/// </summary>
public sealed record PopulationBaseline(IReadOnlyList<ModelRelease> Releases, IReadOnlyDictionary<string, double> TypicalAdoptionShare)
{
    public static PopulationBaseline Empty { get; } = new([], new Dictionary<string, double>());

    public double TypicalShare(string model) => TypicalAdoptionShare.TryGetValue(model, out var share) ? share : 0;

    /// <summary>The same releases and the same typical shares, bit for bit: an account scored against either scores the same.</summary>
    public bool SameAs(PopulationBaseline other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Releases.SequenceEqual(other.Releases)
            && TypicalAdoptionShare.Count == other.TypicalAdoptionShare.Count
            && TypicalAdoptionShare.All(pair => other.TypicalAdoptionShare.TryGetValue(pair.Key, out var share) && share.Equals(pair.Value));
    }

    /// <summary>Medians over accounts with at least <paramref name="minRequests"/> requests in each release window.</summary>
    public static PopulationBaseline From(IEnumerable<AccountProfile> profiles, IReadOnlyList<ModelRelease> releases, long minRequests = 20)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(releases);
        var shares = releases.ToDictionary(release => release.Model, _ => new List<double>(), StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            foreach (var window in profile.ReleaseWindows)
            {
                if (window.AllRequests >= minRequests && shares.TryGetValue(window.Model, out var list))
                {
                    list.Add(window.Share);
                }
            }
        }

        var typical = shares.ToDictionary(pair => pair.Key, pair => Median(pair.Value), StringComparer.Ordinal);
        return new PopulationBaseline(releases, typical);
    }

    internal static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}

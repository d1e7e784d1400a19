namespace InvestigationConsole.Detection.Scoring;

/// <summary>
/// An account's risk: a 0–100 score, whether it is flagged, the families that corroborate it and
/// every signal ordered by contribution, the explanation an investigator reads first.
/// </summary>
public sealed record AccountRisk(
    string AccountId,
    double Score,
    bool Flagged,
    IReadOnlyList<SignalFamily> CorroboratingFamilies,
    IReadOnlyList<RiskSignal> Signals)
{
    /// <summary>The fired signals, strongest first, as "name +12.0: evidence" lines.</summary>
    public IEnumerable<string> Explanation =>
        Signals.Where(signal => signal.Fired)
            .Select(signal => $"{signal.Name} +{signal.Contribution.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}: {signal.Evidence}");
}

/// <summary>
/// What scoring needs to know about the cluster an account belongs to; <see cref="Description"/> says what ties its
/// members (see <see cref="Linking.AccountCluster.Ties"/>).
/// </summary>
public readonly record struct ClusterContext(int ClusterId, int Size, double Risk, string Description)
{
    /// <summary>The clusterer called the cluster a campaign: every member is flagged as part of it.</summary>
    public bool IsCampaign { get; init; }
}

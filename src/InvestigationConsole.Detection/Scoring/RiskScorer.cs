using System.Globalization;
using InvestigationConsole.Detection.Scoring.Signals;

namespace InvestigationConsole.Detection.Scoring;

/// <summary>
/// Combines signals into a 0–100 score. The raw sum is scaled by how many independent families
/// (content, behaviour, identity, coordination) corroborate it, and a flag needs
/// <see cref="ScoringSettings.MinCorroboratingFamilies"/> of them: a single striking trait never flags.
/// Honeypot proof is added unscaled and stands for <see cref="ScoringSettings.HoneypotFamilies"/> families.
/// </summary>
public sealed class RiskScorer
{
    public const string CoordinationSignalName = "cluster-coordination";

    /// <summary>Every family in the order the score sums them; their values are 0, 1, 2, ... and index the per-family sums.</summary>
    private static readonly SignalFamily[] Families = Enum.GetValues<SignalFamily>();

    private readonly RiskSignalRule[] _signals;

    public RiskScorer(ScoringSettings? settings = null, PopulationBaseline? baseline = null, IEnumerable<RiskSignalRule>? signals = null)
    {
        Context = new ScoringContext(settings ?? ScoringSettings.Default, baseline ?? PopulationBaseline.Empty);
        _signals = (signals ?? StandardSignals()).ToArray();
    }

    public ScoringContext Context { get; }

    public static IReadOnlyList<RiskSignalRule> StandardSignals() =>
    [
        new ChainOfThoughtSignal(), new RubricGradingSignal(), new AgenticToolUseSignal(), new CapabilityCoverageSignal(),
        new TemplateConcentrationSignal(), new OutputRatioSignal(), new VolumeSignal(), new ActivitySpreadSignal(),
        new TimingRegularitySignal(), new ModelPivotSignal(), new IdentityStrengthSignal(), new FreshHeavyUseSignal(),
        new HoneypotSignal(),
    ];

    public AccountRisk Score(AccountProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var signals = new List<RiskSignal>(_signals.Length + 1);
        foreach (var rule in _signals)
        {
            signals.Add(rule.Evaluate(profile, Context));
        }

        return Combine(profile.AccountId, signals);
    }

    /// <summary>
    /// Adds the coordination family from the account's cluster: a risky cluster raises its members,
    /// a benign one (an enterprise, a lab) adds nothing. Replaces any earlier cluster context.
    /// </summary>
    public AccountRisk ApplyClusterContext(AccountRisk risk, ClusterContext cluster)
    {
        ArgumentNullException.ThrowIfNull(risk);
        var weight = Context.Settings.ClusterRisk;
        var signals = risk.Signals.Where(signal => signal.Name != CoordinationSignalName).ToList();
        var contribution = cluster.IsCampaign ? weight.Max : cluster.Size >= 2 ? weight.Contribution(cluster.Risk) : 0;
        var kind = cluster.IsCampaign ? "campaign cluster" : "cluster";

        // The value is the cluster's risk in whole points, as the evidence states it, and a cluster of thousands is "about"
        // its size to two figures. A large cluster's risk moves by tenths whenever one of its members' scores does, and its
        // size by a few accounts in many hours: the contribution follows the risk, but an explanation whose contribution does
        // not move (a campaign's members get the maximum) stays as it was, instead of every member's being rewritten.
        var clusterRisk = Math.Round(cluster.Risk, MidpointRounding.AwayFromZero);
        var evidence = $"member of {kind} {cluster.ClusterId} ({SizeText(cluster.Size)}, risk {clusterRisk:0}): {cluster.Description}";
        signals.Add(new RiskSignal(CoordinationSignalName, SignalFamily.Coordination, clusterRisk, contribution, weight.Max, evidence));
        return Combine(risk.AccountId, signals, cluster.IsCampaign);
    }

    /// <summary>A cluster's size as its members' evidence states it: exact below a thousand, else about it to two figures.</summary>
    internal static string SizeText(int size)
    {
        if (size < 1000)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{size} accounts");
        }

        var unit = (int)Math.Pow(10, Math.Floor(Math.Log10(size)) - 1);
        return string.Create(CultureInfo.InvariantCulture, $"about {(int)Math.Round((double)size / unit, MidpointRounding.AwayFromZero) * unit:N0} accounts");
    }

    /// <param name="campaignMember">A member of a cluster called a campaign is flagged with it: the fleet is the unit of evidence.</param>
    private AccountRisk Combine(string accountId, List<RiskSignal> signals, bool campaignMember = false)
    {
        var settings = Context.Settings;
        // Each family's contributions are summed in signal order, as a sum per family over the list would.
        Span<double> sums = stackalloc double[Families.Length];
        foreach (var signal in signals)
        {
            if ((uint)signal.Family < (uint)sums.Length)
            {
                sums[(int)signal.Family] += signal.Contribution;
            }
        }

        var families = new List<SignalFamily>(Families.Length);
        double scaled = 0;
        double proof = 0;
        foreach (var family in Families)
        {
            var sum = sums[(int)family];
            if (family == SignalFamily.Proof)
            {
                proof = sum;
            }
            else
            {
                scaled += sum;
            }

            if ((family == SignalFamily.Proof && sum > 0) || sum >= settings.FamilyActivation)
            {
                families.Add(family);
            }
        }

        var weightOfFamilies = families.Count + (proof > 0 ? settings.HoneypotFamilies - 1 : 0);
        var factors = settings.CorroborationFactors;
        var factor = factors.Count == 0 ? 1 : factors[Math.Clamp(weightOfFamilies, 0, factors.Count - 1)];
        var score = Math.Clamp(proof + (scaled * factor), 0, 100);
        var flagged = score >= settings.FlagThreshold && weightOfFamilies >= settings.MinCorroboratingFamilies;
        if (campaignMember)
        {
            score = Math.Max(score, settings.FlagThreshold);
            flagged = true;
        }
        signals.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
        return new AccountRisk(accountId, Math.Round(score, 1), flagged, families, signals);
    }
}

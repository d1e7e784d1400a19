using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Detection.Tests.Scoring;

public class RiskScorerTests
{
    private static readonly PopulationBaseline Baseline = new(
        [new ModelRelease(Archetypes.NewModel, Archetypes.Start)],
        new Dictionary<string, double> { [Archetypes.NewModel] = 0.05 });

    private readonly RiskScorer _scorer = new(baseline: Baseline);

    public static TheoryData<string> LookAlikes => ["eval", "agent-product", "enterprise-batch", "dev"];

    private static AccountProfile Named(string name) => name switch
    {
        "eval" => Archetypes.EvalRunner(),
        "agent-product" => Archetypes.CodingAgentProduct(),
        "enterprise-batch" => Archetypes.EnterpriseBatch(),
        _ => Archetypes.Developer(),
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Score_LegitimateLookAlike_IsNotFlagged(string name)
    {
        var risk = _scorer.Score(Named(name));

        Assert.False(risk.Flagged, string.Join("\n", risk.Explanation));
        Assert.True(risk.Score < ScoringSettings.Default.FlagThreshold, $"{name}: {risk.Score}");
    }

    [Fact]
    public void Score_EvalRunner_StrikingContentAndBehaviourWithoutIdentity_IsNotCorroboratedEnough()
    {
        var risk = _scorer.Score(Archetypes.EvalRunner());

        Assert.Contains(SignalFamily.Content, risk.CorroboratingFamilies);
        Assert.DoesNotContain(SignalFamily.Identity, risk.CorroboratingFamilies);
        Assert.False(risk.Flagged);
    }

    [Fact]
    public void Score_ReasoningHarvester_IsFlaggedWithThreeFamilies()
    {
        var risk = _scorer.Score(Archetypes.ReasoningHarvester());

        Assert.True(risk.Flagged, $"{risk.Score}: {string.Join("\n", risk.Explanation)}");
        Assert.Equal([SignalFamily.Content, SignalFamily.Behaviour, SignalFamily.Identity], risk.CorroboratingFamilies);
        Assert.Equal("chain-of-thought", risk.Signals[0].Name);
    }

    [Fact]
    public void Score_Explanation_OrdersContributionsStrongestFirst()
    {
        var risk = _scorer.Score(Archetypes.ReasoningHarvester());

        var contributions = risk.Signals.Select(s => s.Contribution).ToArray();
        Assert.Equal(contributions.OrderByDescending(c => c), contributions);
        Assert.All(risk.Explanation, line => Assert.Matches(@"^[a-z-]+ \+\d+\.\d: ", line));
    }

    [Fact]
    public void Score_HoneypotHitAlone_IsHighButNeedsOneMoreFamily()
    {
        var alone = _scorer.Score(Archetypes.Developer() with { HoneypotHits = 2 });
        var withIdentity = _scorer.Score(Archetypes.HydraMember() with { HoneypotHits = 2, TraitCounts = new(), ToolUseRequests = 0, TemplateConcentration = 0 });

        Assert.False(alone.Flagged);
        Assert.True(alone.Score >= 45);
        Assert.True(withIdentity.Flagged, string.Join("\n", withIdentity.Explanation));
    }

    [Fact]
    public void ApplyClusterContext_RiskyCluster_RaisesMemberToFlag()
    {
        var member = _scorer.Score(Archetypes.HydraMember() with { TraitCounts = new(), TemplateConcentration = 0.2 });

        var raised = _scorer.ApplyClusterContext(member, new ClusterContext(7, 400, 70, "Payment ×380"));

        Assert.False(member.Flagged, $"{member.Score}");
        Assert.True(raised.Flagged, $"{raised.Score}: {string.Join("\n", raised.Explanation)}");
        Assert.Contains(SignalFamily.Coordination, raised.CorroboratingFamilies);
        Assert.Contains(raised.Signals, s => s.Name == RiskScorer.CoordinationSignalName && s.Evidence.StartsWith("member of cluster 7 (400 accounts, risk 70)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(45.4, 45)]
    [InlineData(45.5, 46)]
    public void ApplyClusterContext_SignalValue_IsTheClusterRiskInWholePointsAndTheContributionFollowsTheRisk(double risk, double shown)
    {
        var member = _scorer.Score(Archetypes.HydraMember());

        var signal = _scorer.ApplyClusterContext(member, new ClusterContext(7, 400, risk, "Payment ×380")).Signals
            .Single(s => s.Name == RiskScorer.CoordinationSignalName);
        var tenthBelow = _scorer.ApplyClusterContext(member, new ClusterContext(7, 400, risk - 0.1, "Payment ×380")).Signals
            .Single(s => s.Name == RiskScorer.CoordinationSignalName);

        Assert.Equal(shown, signal.Value);
        Assert.Contains($"risk {shown})", signal.Evidence, StringComparison.Ordinal);
        Assert.True(signal.Contribution > tenthBelow.Contribution, $"{signal.Contribution} vs {tenthBelow.Contribution}");
    }

    [Theory]
    [InlineData(7, "7 accounts")]
    [InlineData(999, "999 accounts")]
    [InlineData(1049, "about 1,000 accounts")]
    [InlineData(1050, "about 1,100 accounts")]
    [InlineData(24025, "about 24,000 accounts")]
    [InlineData(9960, "about 10,000 accounts")]
    public void SizeText_ExactBelowAThousand_AboutItToTwoFiguresAbove(int size, string text) =>
        Assert.Equal(text, RiskScorer.SizeText(size));

    [Fact]
    public void ApplyClusterContext_CampaignOfThousands_EvidenceIsTheSameWhenAFewMembersLeave()
    {
        var member = _scorer.Score(Archetypes.HydraMember());

        var before = _scorer.ApplyClusterContext(member, new ClusterContext(3, 24028, 42.3, "RequestIp, Payment") { IsCampaign = true });
        var after = _scorer.ApplyClusterContext(member, new ClusterContext(3, 24025, 41.9, "RequestIp, Payment") { IsCampaign = true });

        Assert.Equal(before.Signals, after.Signals);
        Assert.Contains(after.Signals, s => s.Evidence == "member of campaign cluster 3 (about 24,000 accounts, risk 42): RequestIp, Payment");
    }

    [Fact]
    public void ApplyClusterContext_BenignCluster_AddsNothing()
    {
        var batch = _scorer.Score(Archetypes.EnterpriseBatch());

        var inOrg = _scorer.ApplyClusterContext(batch, new ClusterContext(3, 40, 18, "Payment ×39"));

        Assert.Equal(batch.Score, inOrg.Score);
        Assert.False(inOrg.Flagged);
    }

    [Fact]
    public void ApplyClusterContext_AppliedTwice_ReplacesEarlierContext()
    {
        var member = _scorer.Score(Archetypes.HydraMember());

        var once = _scorer.ApplyClusterContext(member, new ClusterContext(1, 10, 80, "x"));
        var twice = _scorer.ApplyClusterContext(once, new ClusterContext(1, 10, 80, "x"));

        Assert.Equal(once.Score, twice.Score);
        Assert.Single(twice.Signals, s => s.Name == RiskScorer.CoordinationSignalName);
    }

    [Fact]
    public void ApplyClusterContext_CampaignCluster_FlagsAQuietMember()
    {
        var quiet = new RiskScorer().Score(new AccountProfile { AccountId = "quiet" });

        var member = new RiskScorer().ApplyClusterContext(quiet, new ClusterContext(2, 160, 22, "Prefix ×700") { IsCampaign = true });

        Assert.True(member.Flagged);
        Assert.Contains(member.Explanation, line => line.Contains("campaign cluster 2", StringComparison.Ordinal));
    }
}

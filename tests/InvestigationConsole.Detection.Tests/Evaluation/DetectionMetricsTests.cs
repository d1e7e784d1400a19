using CsCheck;
using InvestigationConsole.Detection.Evaluation;

namespace InvestigationConsole.Detection.Tests.Evaluation;

public class DetectionMetricsTests
{
    [Fact]
    public void Confusion_HandCountedExample_GivesPrecisionRecallF1()
    {
        var counts = DetectionMetrics.Confusion([true, true, false, false, true], [true, false, false, true, true]);

        Assert.Equal(new ConfusionCounts(2, 1, 1, 1), counts);
        Assert.Equal(2 / 3.0, counts.Precision, 12);
        Assert.Equal(2 / 3.0, counts.Recall, 12);
        Assert.Equal(2 / 3.0, counts.F1, 12);
        Assert.Equal(0.5, counts.FalsePositiveRate, 12);
    }

    [Fact]
    public void Confusion_NothingFlaggedNoCampaigns_IsPerfectNotNaN()
    {
        var counts = DetectionMetrics.Confusion([false, false], [false, false]);

        Assert.Equal(1, counts.Precision);
        Assert.Equal(1, counts.Recall);
    }

    [Fact]
    public void RocAuc_TextbookExample_IsThreeQuarters() =>
        Assert.Equal(0.75, DetectionMetrics.RocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);

    [Fact]
    public void RocAuc_TiedScores_CountHalf() =>
        Assert.Equal(0.875, DetectionMetrics.RocAuc([1, 2, 2, 3], [false, true, false, true]), 12);

    [Fact]
    public void RocAuc_AllTied_IsOneHalf() =>
        Assert.Equal(0.5, DetectionMetrics.RocAuc([5, 5, 5, 5], [true, false, true, false]), 12);

    [Fact]
    public void RocAuc_OneClassOnly_IsNaN() =>
        Assert.True(double.IsNaN(DetectionMetrics.RocAuc([1, 2], [true, true])));

    [Fact]
    public void RocAuc_RandomScores_MatchesPairCounting() =>
        Gen.Int[2, 40].SelectMany(n => Gen.Select(Gen.Int[0, 5].Array[n], Gen.Bool.Array[n])).Where(t => t.Item2.Contains(true) && t.Item2.Contains(false))
            .Sample((scores, labels) =>
            {
                double wins = 0;
                var pos = Enumerable.Range(0, labels.Length).Where(i => labels[i]).ToArray();
                var neg = Enumerable.Range(0, labels.Length).Where(i => !labels[i]).ToArray();
                foreach (var p in pos)
                {
                    foreach (var n in neg)
                    {
                        wins += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
                    }
                }

                var auc = DetectionMetrics.RocAuc(scores.Select(s => (double)s).ToArray(), labels);
                return Math.Abs(auc - (wins / (pos.Length * neg.Length))) < 1e-12;
            });

    [Fact]
    public void AdjustedRandIndex_HandComputedContingency_Is0Point2424()
    {
        var ari = DetectionMetrics.AdjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]);

        Assert.Equal(0.8 / 3.3, ari, 12);
    }

    [Fact]
    public void AdjustedRandIndex_SamePartitionRelabelled_IsOne() =>
        Assert.Equal(1, DetectionMetrics.AdjustedRandIndex([0, 0, 1, 1, 2], [7, 7, 3, 3, 9]), 12);

    [Fact]
    public void AdjustedRandIndex_CrossedPartitions_IsNegative() =>
        Assert.Equal(-0.5, DetectionMetrics.AdjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), 12);

    [Fact]
    public void AdjustedRandIndex_BothAllSingletons_IsOne() =>
        Assert.Equal(1, DetectionMetrics.AdjustedRandIndex([0, 1, 2], [5, 6, 7]), 12);

    [Fact]
    public void AdjustedRandIndex_DifferentLengths_Throws() =>
        Assert.Throws<ArgumentException>(() => DetectionMetrics.AdjustedRandIndex([0, 1], [0]));

    [Fact]
    public void FalseFlagsByKind_CountsOnlyBenignAccounts_WorstFirst()
    {
        var result = DetectionMetrics.FalseFlagsByKind(
            [true, false, true, true, false, true],
            ["eval_runner", "eval_runner", "enterprise", "enterprise", "enterprise", "lab-a"],
            [false, false, false, false, false, true]);

        Assert.Equal([new KindFalseFlags("enterprise", 2, 3), new KindFalseFlags("eval_runner", 1, 2)], result);
        Assert.Equal(2 / 3.0, result[0].Rate, 12);
    }
}

namespace InvestigationConsole.Detection.Evaluation;

/// <summary>Counts of a binary decision against the truth.</summary>
public readonly record struct ConfusionCounts(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    /// <summary>Of the flagged, the share that are campaigns; 1 when nothing is flagged (no false flag was made).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>Of the campaigns, the share flagged; 1 when there is none.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? 0 : (double)FalsePositives / (FalsePositives + TrueNegatives);
}

/// <summary>False flags among the accounts of one benign kind.</summary>
public readonly record struct KindFalseFlags(string Kind, int Flagged, int Total)
{
    public double Rate => Total == 0 ? 0 : (double)Flagged / Total;
}

/// <summary>Metrics for judging detection against ground truth: pure functions over parallel arrays.</summary>
public static class DetectionMetrics
{
    public static ConfusionCounts Confusion(IReadOnlyList<bool> flagged, IReadOnlyList<bool> isCampaign)
    {
        SameLength(flagged, isCampaign);
        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < flagged.Count; i++)
        {
            (tp, fp, tn, fn) = (flagged[i], isCampaign[i]) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (true, false) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
        }

        return new ConfusionCounts(tp, fp, tn, fn);
    }

    /// <summary>
    /// Area under the ROC curve as the Mann–Whitney statistic: the chance a random campaign account outscores a
    /// random benign one, ties counting half (average ranks). NaN when either class is empty.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> isCampaign)
    {
        SameLength(scores, isCampaign);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            var averageRank = ((start + 1) + (end + 1)) / 2.0;
            for (var k = start; k <= end; k++)
            {
                if (isCampaign[order[k]])
                {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        var negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Adjusted Rand index of two partitions (cluster label per item) from their contingency table: 1 for
    /// identical partitions, about 0 for chance agreement, negative below chance.
    /// </summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        SameLength(truth, predicted);
        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < truth.Count; i++)
        {
            cells[(truth[i], predicted[i])] = cells.GetValueOrDefault((truth[i], predicted[i])) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            columns[predicted[i]] = columns.GetValueOrDefault(predicted[i]) + 1;
        }

        var index = cells.Values.Sum(Pairs);
        var rowPairs = rows.Values.Sum(Pairs);
        var columnPairs = columns.Values.Sum(Pairs);
        var total = Pairs(truth.Count);
        var expected = total == 0 ? 0 : rowPairs * columnPairs / total;
        var maximum = (rowPairs + columnPairs) / 2;
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }

    /// <summary>How many accounts of each benign kind were flagged, worst kind first.</summary>
    public static IReadOnlyList<KindFalseFlags> FalseFlagsByKind(IReadOnlyList<bool> flagged, IReadOnlyList<string> kind, IReadOnlyList<bool> isCampaign)
    {
        SameLength(flagged, kind);
        SameLength(flagged, isCampaign);
        return Enumerable.Range(0, flagged.Count)
            .Where(i => !isCampaign[i])
            .GroupBy(i => kind[i], StringComparer.Ordinal)
            .Select(group => new KindFalseFlags(group.Key, group.Count(i => flagged[i]), group.Count()))
            .OrderByDescending(k => k.Rate).ThenBy(k => k.Kind, StringComparer.Ordinal)
            .ToArray();
    }

    private static double Pairs(long n) => n * (n - 1) / 2.0;

    private static void SameLength<TA, TB>(IReadOnlyList<TA> a, IReadOnlyList<TB> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Parallel lists differ in length ({a.Count} vs {b.Count}).");
        }
    }
}

using System.Text.Json;
using InvestigationConsole.Detection.Evaluation;

namespace InvestigationConsole.Application.Scoring;

/// <summary>How the stored results compare with a scenario's ground truth.</summary>
public sealed record EvaluationReport(
    int Accounts, int MissingFromDatabase, int CampaignAccounts, int Flagged, long TruePositives, long FalsePositives, long FalseNegatives,
    double Precision, double Recall, double F1, double RocAuc, double AdjustedRandIndex, int Campaigns, int Clusters,
    IReadOnlyList<KindFalseFlags> FalseFlagsByKind);

/// <summary>
/// Judges the stored scores and clusters against the truth.json the scenario generator writes: precision and recall
/// of the flag, ROC AUC of the score, adjusted Rand index of clusters against campaigns (every benign account and
/// every unclustered account its own group) and false flags per benign kind.
/// </summary>
public sealed class DetectionEvaluation(AccountRiskExport export)
{
    public async Task<EvaluationReport> EvaluateAsync(string truthPath, CancellationToken cancellationToken = default)
    {
        var truth = await ReadTruthAsync(truthPath, cancellationToken);
        var stored = new Dictionary<string, AccountRiskRow>(StringComparer.Ordinal);
        await foreach (var row in export.ReadAsync(cancellationToken))
        {
            stored[row.AccountId] = row;
        }

        var ids = truth.Keys.Order(StringComparer.Ordinal).ToArray();
        var flagged = new bool[ids.Length];
        var scores = new double[ids.Length];
        var isCampaign = new bool[ids.Length];
        var kinds = new string[ids.Length];
        var truthGroups = new int[ids.Length];
        var predictedGroups = new int[ids.Length];
        var campaignIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var clusterIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var (campaign, label) = truth[ids[i]];
            var found = stored.TryGetValue(ids[i], out var row);
            missing += found ? 0 : 1;
            flagged[i] = row?.Flagged ?? false;
            scores[i] = row?.RiskScore ?? 0;
            isCampaign[i] = campaign;
            kinds[i] = label;
            // Groups: a campaign's label or a cluster id; everything else a singleton (negative, unique).
            truthGroups[i] = campaign ? GroupOf(campaignIds, label) : -1 - i;
            predictedGroups[i] = row?.ClusterId is { } cluster ? GroupOf(clusterIds, cluster) : -1 - i;
        }

        var confusion = DetectionMetrics.Confusion(flagged, isCampaign);
        return new EvaluationReport(
            ids.Length, missing, isCampaign.Count(c => c), flagged.Count(f => f), confusion.TruePositives, confusion.FalsePositives,
            confusion.FalseNegatives, confusion.Precision, confusion.Recall, confusion.F1, DetectionMetrics.RocAuc(scores, isCampaign),
            DetectionMetrics.AdjustedRandIndex(truthGroups, predictedGroups), campaignIds.Count, clusterIds.Count,
            DetectionMetrics.FalseFlagsByKind(flagged, kinds, isCampaign));
    }

    /// <summary>truth.json's accounts: id → (is campaign, campaign id or benign kind).</summary>
    public static async Task<IReadOnlyDictionary<string, (bool Campaign, string Label)>> ReadTruthAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        if (!document.RootElement.TryGetProperty("accounts", out var accounts) || accounts.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path} has no \"accounts\" object: is it the truth.json of a generated scenario?");
        }

        return accounts.EnumerateObject().ToDictionary(
            p => p.Name,
            p => (p.Value.GetProperty("kind").GetString() == "campaign", p.Value.GetProperty("label").GetString() ?? ""),
            StringComparer.Ordinal);
    }

    private static int GroupOf(Dictionary<string, int> ids, string key)
    {
        if (!ids.TryGetValue(key, out var id))
        {
            ids[key] = id = ids.Count;
        }

        return id;
    }
}

using System.Diagnostics;
using System.Text.Json;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Detection.Evaluation;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Evaluation;

/// <summary>A campaign's accounts, how many were flagged, and into how many campaign clusters they fell.</summary>
public sealed record CampaignRecall(string Campaign, int Accounts, int Flagged, int Clusters, int LargestClusterShare);

/// <summary>An account the detector got wrong, with its top signals, for reading.</summary>
public sealed record MissedAccount(string AccountId, string Label, double Score, IReadOnlyList<string> TopSignals);

/// <summary>Detection quality of one export against its truth.json.</summary>
public sealed record ExportEvaluationReport(
    string Scenario,
    int Seed,
    int Accounts,
    long Requests,
    ConfusionCounts Confusion,
    double RocAuc,
    double CampaignAri,
    IReadOnlyList<KindFalseFlags> FalseFlagsByKind,
    IReadOnlyList<CampaignRecall> Campaigns,
    IReadOnlyList<MissedAccount> Missed,
    IReadOnlyList<MissedAccount> TopBenign,
    double CampaignClusterPurity,
    int CampaignClusters,
    TimeSpan ReadTime,
    TimeSpan AnalysisTime,
    TimeSpan EngineTime)
{
    /// <summary>Per truth label: individual and final score quartiles (min, median, max), for reading.</summary>
    public IReadOnlyList<string> ScoresByLabel { get; init; } = [];

    /// <summary>ARI as the stored-results evaluation (<c>evaluate</c>) computes it: every cluster, campaign or not, is a group.</summary>
    public double AnyClusterAri { get; init; }

    /// <summary>Clusters of three or more: size, risk, campaign call and composition by truth label.</summary>
    public IReadOnlyList<string> ClusterLines { get; init; } = [];
}

/// <summary>
/// Goes from a gateway export (as the generator writes it, with truth.json) to detection metrics without a database,
/// but with the production code: the contract's file reader, the ingestion's feature extraction (traits, sketch, IP
/// prefix) and the detection pipeline (<see cref="AccountAnalyzer"/>, <see cref="DetectionEngine"/>).
/// </summary>
/// <remarks>
/// Campaign ARI compares the truth's campaigns with the clusters the engine calls campaigns: every benign account,
/// and every account outside a campaign cluster, is its own singleton label on its side.
/// </remarks>
public static class ExportEvaluation
{
    public static ExportEvaluationReport Evaluate(string directory, DetectionSettings? settings = null, int examples = 12)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        settings ??= DetectionSettings.Default;
        var read = Stopwatch.StartNew();
        var export = ExportReader.Read(directory);
        read.Stop();

        var analysis = Stopwatch.StartNew();
        var releases = ModelReleases.Infer(export.FirstSeenByModel, export.DataStart);
        var analyses = Analyze(export, releases, settings);
        analysis.Stop();

        var engine = Stopwatch.StartNew();
        var result = DetectionEngine.Run(analyses, releases, settings);
        engine.Stop();

        return Judge(Path.Combine(directory, "truth.json"), export.Accounts.Select(a => a.AccountId).ToArray(), export.Requests, result, examples)
            with { ReadTime = read.Elapsed, AnalysisTime = analysis.Elapsed, EngineTime = engine.Elapsed };
    }

    /// <summary>One analyzer per worker; accounts keep their dense index, so the output order is the input order.</summary>
    public static AccountAnalysis[] Analyze(ExportData export, IReadOnlyList<ModelRelease> releases, DetectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(export);
        var analyses = new AccountAnalysis[export.Accounts.Count];
        Parallel.For(
            0,
            export.Accounts.Count,
            () => new AccountAnalyzer(releases, settings),
            (i, _, analyzer) =>
            {
                var account = export.Accounts[i];
                analyzer.Begin(i, account.Facts);
                foreach (var request in account.Requests)
                {
                    analyzer.Add(request);
                }

                analyses[i] = analyzer.End();
                return analyzer;
            },
            _ => { });
        return analyses;
    }

    /// <summary>Judges a detection result whose dense index i is the account <paramref name="accountIds"/>[i] against a truth.json.</summary>
    public static ExportEvaluationReport Judge(string truthPath, IReadOnlyList<string> accountIds, long requests, DetectionResult result, int examples = 12)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        ArgumentNullException.ThrowIfNull(result);
        using var truthFile = File.OpenRead(truthPath);
        using var truth = JsonDocument.Parse(truthFile);
        var root = truth.RootElement;
        var labels = new Dictionary<string, (bool Campaign, string Label)>(StringComparer.Ordinal);
        foreach (var account in root.GetProperty("accounts").EnumerateObject())
        {
            labels[account.Name] = (account.Value.GetProperty("kind").GetString() == "campaign", account.Value.GetProperty("label").GetString() ?? "");
        }

        var n = accountIds.Count;
        var isCampaign = new bool[n];
        var kind = new string[n];
        var flagged = new bool[n];
        var scores = new double[n];
        var truthLabel = new int[n];
        var predicted = new int[n];
        var anyCluster = new int[n];
        var campaignIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var (campaign, label) = labels.GetValueOrDefault(accountIds[i], (false, "unknown"));
            isCampaign[i] = campaign;
            kind[i] = label;
            flagged[i] = result.Risks[i].Flagged;
            scores[i] = result.Risks[i].Score;
            truthLabel[i] = campaign ? CampaignLabel(campaignIds, label) : -1 - i;
            var cluster = result.Clustering.ClusterOfAccount[i];
            predicted[i] = cluster >= 0 && result.Clustering.Clusters[cluster].IsCampaign ? cluster : -1 - i;
            anyCluster[i] = cluster >= 0 ? cluster : -1 - i;
        }

        var campaigns = campaignIds.Keys.Select(label =>
        {
            var members = Enumerable.Range(0, n).Where(i => isCampaign[i] && kind[i] == label).ToArray();
            var clusters = members.Where(i => predicted[i] >= 0).GroupBy(i => predicted[i]).Select(g => g.Count()).OrderDescending().ToArray();
            return new CampaignRecall(label, members.Length, members.Count(i => flagged[i]), clusters.Length, clusters.FirstOrDefault());
        }).ToArray();

        var campaignClusters = result.Clustering.Clusters.Where(c => c.IsCampaign).ToArray();
        var inCampaignClusters = campaignClusters.Sum(c => c.Size);
        var majority = campaignClusters.Sum(c => c.Members.GroupBy(m => isCampaign[m] ? kind[m] : "benign").Max(g => g.Count()));

        MissedAccount Example(int i) => new(
            accountIds[i],
            kind[i],
            scores[i],
            result.Risks[i].Signals.Where(s => s.Fired).Take(6).Select(s => $"{s.Name} +{s.Contribution:0.0} ({s.Value:0.###})").ToArray());

        return new ExportEvaluationReport(
            root.GetProperty("scenario").GetString() ?? "",
            root.GetProperty("seed").GetInt32(),
            n,
            requests,
            DetectionMetrics.Confusion(flagged, isCampaign),
            DetectionMetrics.RocAuc(scores, isCampaign),
            DetectionMetrics.AdjustedRandIndex(truthLabel, predicted),
            DetectionMetrics.FalseFlagsByKind(flagged, kind, isCampaign),
            campaigns,
            Enumerable.Range(0, n).Where(i => isCampaign[i] && !flagged[i]).Take(examples).Select(Example).ToArray(),
            Enumerable.Range(0, n).Where(i => !isCampaign[i]).OrderByDescending(i => scores[i]).Take(examples).Select(Example).ToArray(),
            inCampaignClusters == 0 ? 1 : (double)majority / inCampaignClusters,
            campaignClusters.Length,
            TimeSpan.Zero,
            TimeSpan.Zero,
            TimeSpan.Zero)
        {
            AnyClusterAri = DetectionMetrics.AdjustedRandIndex(truthLabel, anyCluster),
            ScoresByLabel = Enumerable.Range(0, n).GroupBy(i => kind[i]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
            {
                var before = g.Select(i => result.RisksBeforeContext[i].Score).Order().ToArray();
                var after = g.Select(i => scores[i]).Order().ToArray();
                return FormattableString.Invariant($"{g.Key} ({before.Length}): individual {before[0]:0}/{before[before.Length / 2]:0}/{before[^1]:0}, final {after[0]:0}/{after[after.Length / 2]:0}/{after[^1]:0}");
            }).ToArray(),
            ClusterLines = result.Clustering.Clusters.Where(c => c.Size >= 3).OrderByDescending(c => c.Size).Take(40).Select(c =>
                FormattableString.Invariant($"cluster {c.Id} size {c.Size} risk {c.Risk:0} campaign {c.IsCampaign}: ")
                + string.Join(", ", c.Members.GroupBy(m => kind[m]).Select(g => $"{g.Key} {g.Count()}"))
                + " | " + c.Description).ToArray(),
        };
    }

    private static int CampaignLabel(Dictionary<string, int> ids, string label)
    {
        if (!ids.TryGetValue(label, out var id))
        {
            ids[label] = id = ids.Count;
        }

        return id;
    }
}

/// <summary>One account of an export: its registry facts and its requests in time order.</summary>
public sealed record ExportAccount(string AccountId, AccountRegistryFacts Facts, IReadOnlyList<RequestObservation> Requests);

/// <summary>An export read into memory, by account (ordinal order of id).</summary>
public sealed record ExportData(
    IReadOnlyList<ExportAccount> Accounts,
    IReadOnlyDictionary<string, DateTimeOffset> FirstSeenByModel,
    DateTimeOffset DataStart,
    long Requests);

/// <summary>Reads an export's files with the ingestion's contract reader and feature extraction.</summary>
public static class ExportReader
{
    public static ExportData Read(string directory)
    {
        var registry = new Dictionary<string, AccountRecord>(StringComparer.Ordinal);
        var requests = new Dictionary<string, List<RequestObservation>>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        var start = DateTimeOffset.MaxValue;
        long count = 0;
        foreach (var path in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
        {
            if (!GatewayFileName.TryGetStream(Path.GetFileName(path), out var stream))
            {
                continue;
            }

            using var reader = GatewayFileReader.Open(path, stream);
            while (reader.TryRead(out var line))
            {
                if (line.Account is { } account)
                {
                    registry[account.AccountId] = account;
                }
                else if (line.Request is { } request && seenIds.Add(request.RequestId))
                {
                    count++;
                    var features = PromptFeatureExtractor.Extract(request.Prompt);
                    if (!requests.TryGetValue(request.AccountId, out var list))
                    {
                        requests[request.AccountId] = list = [];
                    }

                    list.Add(new RequestObservation(
                        request.Timestamp,
                        request.InputTokens,
                        request.OutputTokens,
                        features.Traits,
                        features.Sketch,
                        request.ToolCount ?? 0,
                        request.Ip.ToString(),
                        IpPrefix.Of(request.Ip),
                        request.Model,
                        HoneypotHit: false,
                        HasPrompt: !string.IsNullOrEmpty(request.Prompt),
                        request.UserAgent,
                        request.Endpoint));
                    if (!firstSeen.TryGetValue(request.Model, out var first) || request.Timestamp < first)
                    {
                        firstSeen[request.Model] = request.Timestamp;
                    }

                    start = request.Timestamp < start ? request.Timestamp : start;
                }
            }
        }

        var domains = EmailDomainReputation.FromPopulation(registry.Values.Select(a => a.EmailDomain));
        var accounts = registry.Keys.Union(requests.Keys).Order(StringComparer.Ordinal).Select(id =>
        {
            var list = requests.GetValueOrDefault(id) ?? [];
            list.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
            return new ExportAccount(id, Facts(id, registry.GetValueOrDefault(id), domains), list);
        }).ToArray();
        return new ExportData(accounts, firstSeen, start == DateTimeOffset.MaxValue ? DateTimeOffset.UnixEpoch : start, count);
    }

    /// <summary>Registry facts as the stored account gives them; an account only traffic names is unverified, free and of unknown age.</summary>
    public static AccountRegistryFacts Facts(string accountId, AccountRecord? record, EmailDomainReputation domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        if (record is null)
        {
            return new AccountRegistryFacts(new AccountIdentity(accountId, Detection.Scoring.AccountTier.Free, VerificationLevel.None, null, null, false, false));
        }

        var identity = new AccountIdentity(
            accountId,
            (Detection.Scoring.AccountTier)(int)record.Tier,
            (VerificationLevel)(int)record.Verification,
            record.EmailDomain,
            record.CreatedAt,
            EmailDomainReputation.IsDisposable(record.EmailDomain),
            domains.IsRare(record.EmailDomain));
        return new AccountRegistryFacts(identity)
        {
            OrgId = record.OrgId,
            PaymentFingerprint = record.PaymentFingerprint,
            SignupIp = record.SignupIp?.ToString(),
            SignupPrefix = record.SignupIp is null ? null : IpPrefix.Of(record.SignupIp),
        };
    }
}

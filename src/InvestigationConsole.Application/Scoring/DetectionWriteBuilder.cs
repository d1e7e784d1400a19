using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Risk;

namespace InvestigationConsole.Application.Scoring;

/// <summary>An account's stored score before this run: for history, the first-flagged date and telling whether the row changed.</summary>
public readonly record struct PreviousScore(double Score, bool Flagged, DateTimeOffset? FirstFlaggedAt, long ContentHash);

/// <summary>
/// Turns a <see cref="DetectionResult"/> (dense indexes) into the rows a run writes (account keys, stable cluster ids).
/// Score rows whose content is as stored are left out, so that an unchanged row keeps the run that last changed it.
/// </summary>
public static class DetectionWriteBuilder
{
    /// <summary>Weak links kept per account besides its strong ones: the investigator's "also related" list.</summary>
    public const int WeakLinksPerAccount = 3;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _signalsBuffer;

    /// <summary>Kept with the buffer: a writer per account was a measurable share of the rows' cost.</summary>
    [ThreadStatic]
    private static Utf8JsonWriter? _signalsWriter;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _evidenceBuffer;

    /// <param name="rows">
    /// The content hashes the last build made, read and replaced by this one: a row made from the very same risk objects,
    /// cluster and first-flagged time keeps its hash instead of being hashed again (null: every row is hashed).
    /// </param>
    /// <param name="linkRows">
    /// The link rows the last build made, read and replaced by this one: a kept link that is the very object the last
    /// build wrote keeps its evidence text instead of having it written again, and the write carries its links as
    /// changes to the last build's (<see cref="DetectionWrite.LinkDelta"/>). Null: every text is written, and no changes.
    /// </param>
    public static DetectionWrite Build(
        DetectionResult result, DetectionPopulation population, IReadOnlyDictionary<int, PreviousScore> previous,
        DetectionSettings settings, long runId, string trigger, DateTimeOffset now, ScoreRowMemory? rows = null, LinkRowMemory? linkRows = null)
    {
        var accounts = population.Accounts;
        var held = rows?.Rows is { } last && last.Length == accounts.Count ? last : null;
        var made = rows is null ? null : new HeldScoreRow[accounts.Count];
        var write = new DetectionWrite();
        var clusterIds = result.Clustering.Clusters
            .Select(c => "CL-" + c.Members.Select(m => accounts[m].AccountId).Min(StringComparer.Ordinal))
            .ToArray();

        // Rows are made in parallel (signal JSON dominates) and added in account order, so the output is the same as serial.
        var scores = new AccountRiskScore?[accounts.Count];
        var changes = new AccountScoreChange?[accounts.Count];
        Parallel.For(0, accounts.Count, i =>
        {
            var account = accounts[i];
            var risk = result.Risks[i];
            var clusterIndex = result.Clustering.ClusterOfAccount[i];
            var clusterId = clusterIndex < 0 ? null : clusterIds[clusterIndex];
            var had = previous.TryGetValue(account.Key, out var before);
            var beforeContext = result.RisksBeforeContext[i];
            var firstFlagged = had && before.FirstFlaggedAt is not null ? before.FirstFlaggedAt : risk.Flagged ? now : null;
            AccountRiskScore NewRow() => new()
            {
                AccountKey = account.Key,
                Score = risk.Score,
                Flagged = risk.Flagged,
                ScoreBeforeCluster = beforeContext.Score,
                ClusterId = clusterId,
                TopSignals = Cut(string.Join(';', risk.Signals.Where(s => s.Fired).Select(s => s.Name)), 400),
                CorroboratingFamilies = string.Join(';', risk.CorroboratingFamilies),
                ComputedAt = now,
                RunId = runId,
                FirstFlaggedAt = firstFlagged,
            };

            // The explanation is hashed from the values it is written from (or the hash the last build made from the same
            // objects is kept), and written only for a row that changed.
            AccountRiskScore? row = null;
            long hash;
            if (held is not null && held[i].Holds(account.Key, risk, beforeContext, clusterIndex, clusterId, firstFlagged))
            {
                hash = held[i].Hash;
            }
            else
            {
                row = NewRow();
                hash = row.ContentHash = ScoreRowHash.Of(row, risk.Signals, s => EvidenceOf(s, clusterIndex, clusterId));
            }

            if (!had || before.ContentHash != hash)
            {
                row ??= NewRow();
                row.ContentHash = hash;
                row.SignalsJson = Encoding.UTF8.GetString(SignalsJson(risk, clusterIndex, clusterId).WrittenSpan);
                scores[i] = row;
            }

            if (made is not null)
            {
                made[i] = new HeldScoreRow(account.Key, risk, beforeContext, clusterIndex, clusterId, firstFlagged, hash);
            }

            if (!had || before.Flagged != risk.Flagged || before.Score != risk.Score)
            {
                changes[i] = new AccountScoreChange
                {
                    AccountKey = account.Key, At = now, Score = risk.Score, Flagged = risk.Flagged, RunId = runId,
                    Reason = Cut($"{ReasonOf(had, before, risk)} ({trigger})", 200),
                };
            }
        });
        write.Scores.AddRange(scores.OfType<AccountRiskScore>());
        write.Changes.AddRange(changes.OfType<AccountScoreChange>());
        var present = accounts.Select(a => a.Key).ToHashSet();
        write.RemovedScores.AddRange(previous.Keys.Where(key => !present.Contains(key)).Order());

        foreach (var cluster in result.Clustering.Clusters)
        {
            var id = clusterIds[cluster.Id];
            var members = cluster.Members.Select(m => accounts[m]).ToArray();
            write.Clusters.Add(new Cluster
            {
                Id = id,
                Risk = cluster.Risk,
                Size = cluster.Size,
                IsCampaign = cluster.IsCampaign,
                DominantLinkTypes = Cut(string.Join(';', cluster.DominantLinkTypes.Select(t => $"{t.Type} ×{t.Links}")), 400),
                SharedAttributesJson = Cut(JsonSerializer.Serialize(cluster.SharedAttributes, Json), 4000),
                Description = Cut(cluster.Description, 1000),
                FirstActivityAt = members.Min(a => a.FirstRequestAt),
                LastActivityAt = members.Max(a => a.LastRequestAt),
                RunId = runId,
            });
            write.Members.AddRange(members.Select(a => new ClusterMember { AccountKey = a.Key, ClusterId = id }));
        }

        // A quarter of a million kept links at seed scale: their evidence JSON is made in parallel, kept in graph order.
        var kept = KeptLinks(result.Graph, settings.Clustering.StrongLinkWeight);
        var links = new ClusterLink[kept.Length];
        var heldLinks = linkRows?.Held;
        var heldEvidence = heldLinks?.Evidence;
        Parallel.For(0, kept.Length, k =>
        {
            var link = kept[k];
            links[k] = new ClusterLink
            {
                AccountKey = accounts[link.A].Key,
                OtherAccountKey = accounts[link.B].Key,
                Weight = Math.Round(link.Weight, 3),
                IsStrong = link.Weight >= settings.Clustering.StrongLinkWeight,
                EvidenceJson = heldEvidence is not null && heldEvidence.TryGetValue(link, out var held) ? held : Cut(EvidenceJson(link), 4000),
            };
        });
        write.Links.AddRange(links);
        if (linkRows is not null)
        {
            var byPair = links.ToDictionary(l => (l.AccountKey, l.OtherAccountKey));
            write.LinkDelta = heldLinks is null ? null : LinkDeltaOf(heldLinks, links, byPair);
            linkRows.Keep(new HeldLinkRows(runId, kept, links, byPair));
        }

        if (made is not null)
        {
            rows!.Keep(made);
        }

        return write;
    }

    /// <summary>The kept links as changes to the rows the last build made (a pair's row changes with its weight, strength or evidence).</summary>
    private static LinkDelta LinkDeltaOf(HeldLinkRows held, ClusterLink[] links, Dictionary<(int, int), ClusterLink> byPair)
    {
        var removed = new List<(int, int)>();
        var written = new List<ClusterLink>();
        foreach (var row in links)
        {
            if (held.ByPair.TryGetValue((row.AccountKey, row.OtherAccountKey), out var before))
            {
                if (before.Weight == row.Weight && before.IsStrong == row.IsStrong && string.Equals(before.EvidenceJson, row.EvidenceJson, StringComparison.Ordinal))
                {
                    continue;
                }

                removed.Add((row.AccountKey, row.OtherAccountKey));
            }

            written.Add(row);
        }

        foreach (var pair in held.ByPair.Keys)
        {
            if (!byPair.ContainsKey(pair))
            {
                removed.Add(pair);
            }
        }

        return new LinkDelta(held.RunId, held.ByPair.Count, removed, written);
    }

    /// <summary>Every strong link, and each account's <see cref="WeakLinksPerAccount"/> heaviest weak ones, in graph order.</summary>
    public static AccountLink[] KeptLinks(AccountLinkGraph graph, double strongWeight)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var links = graph.Links;
        var keep = new bool[links.Count];

        // Each account's heaviest weak links so far (indexes into the graph's links) in the order they were offered: a
        // new link pushes out the lightest, the earliest offered of equal weights, or is dropped if lighter than all.
        var best = new int[graph.AccountCount * WeakLinksPerAccount];
        var weights = new double[best.Length];
        var held = new byte[graph.AccountCount];
        var kept = 0;
        for (var k = 0; k < links.Count; k++)
        {
            var link = links[k];
            if (link.Weight >= strongWeight)
            {
                keep[k] = true;
                kept++;
                continue;
            }

            Offer(link.A, k, link.Weight);
            Offer(link.B, k, link.Weight);
        }

        for (var i = 0; i < best.Length; i++)
        {
            if (i % WeakLinksPerAccount < held[i / WeakLinksPerAccount] && !keep[best[i]])
            {
                keep[best[i]] = true;
                kept++;
            }
        }

        // The graph's links are in (A, B) order already: filtering keeps it without sorting.
        var result = new AccountLink[kept];
        for (int k = 0, n = 0; k < links.Count; k++)
        {
            if (keep[k])
            {
                result[n++] = links[k];
            }
        }

        return result;

        void Offer(int account, int k, double weight)
        {
            var first = account * WeakLinksPerAccount;
            if (held[account] < WeakLinksPerAccount)
            {
                best[first + held[account]] = k;
                weights[first + held[account]++] = weight;
                return;
            }

            var lightest = first;
            for (var j = first + 1; j < first + WeakLinksPerAccount; j++)
            {
                if (weights[j] < weights[lightest])
                {
                    lightest = j;
                }
            }

            if (weight < weights[lightest])
            {
                return;
            }

            var last = first + WeakLinksPerAccount - 1;
            Array.Copy(best, lightest + 1, best, lightest, last - lightest);
            Array.Copy(weights, lightest + 1, weights, lightest, last - lightest);
            best[last] = k;
            weights[last] = weight;
        }
    }

    /// <summary>
    /// Every signal as a JSON array of rows <c>[name, family, value, contribution, max, evidence]</c>, written as UTF-8
    /// into this thread's buffer (valid until its next call), without reflection or a UTF-16 string per account. Rows,
    /// not objects: the field names took 56 of a signal's ≈ 125 bytes, and every account's explanation is written by a
    /// fresh database's first run. <see cref="Triage.AccountRiskQuery.ParseSignals"/> reads both this and the objects
    /// earlier runs stored.
    /// </summary>
    private static ArrayBufferWriter<byte> SignalsJson(AccountRisk risk, int clusterIndex, string? clusterId)
    {
        var buffer = _signalsBuffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = _signalsWriter ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        writer.WriteStartArray();
        foreach (var s in risk.Signals)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(s.Name);
            writer.WriteStringValue(s.Family.ToString());
            writer.WriteNumberValue(ScoreRowHash.ValueAsWritten(s));
            writer.WriteNumberValue(ScoreRowHash.ContributionAsWritten(s));
            writer.WriteNumberValue(s.Max);
            writer.WriteStringValue(EvidenceOf(s, clusterIndex, clusterId));
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.Flush();
        return buffer;
    }

    /// <summary>A signal's evidence as stored: the coordination signal names the run's cluster by its stable id, not its index.</summary>
    private static string EvidenceOf(RiskSignal s, int clusterIndex, string? clusterId) =>
        clusterId is not null && s.Name == RiskScorer.CoordinationSignalName
            ? s.Evidence.Replace($" cluster {clusterIndex.ToString(CultureInfo.InvariantCulture)} (", $" cluster {clusterId} (", StringComparison.Ordinal)
            : s.Evidence;

    /// <summary>
    /// A link's evidence as a JSON array of {type, weight, shared, attribute}: the text JsonSerializer gives for the same
    /// objects (web defaults), written without reflection into this thread's buffer.
    /// </summary>
    private static string EvidenceJson(AccountLink link)
    {
        var buffer = _evidenceBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var e in link.Evidence)
            {
                writer.WriteStartObject();
                writer.WriteString("type", e.Type.ToString());
                writer.WriteNumber("weight", Math.Round(e.Weight, 3));
                writer.WriteNumber("shared", e.Shared);
                writer.WriteString("attribute", e.Attribute);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string ReasonOf(bool had, PreviousScore before, AccountRisk risk) => (had, before.Flagged, risk.Flagged) switch
    {
        (false, _, true) => "first score, flagged",
        (false, _, false) => "first score",
        (true, false, true) => $"flagged (score {before.Score.ToString("0.0", CultureInfo.InvariantCulture)} → {risk.Score.ToString("0.0", CultureInfo.InvariantCulture)})",
        (true, true, false) => $"unflagged (score {before.Score.ToString("0.0", CultureInfo.InvariantCulture)} → {risk.Score.ToString("0.0", CultureInfo.InvariantCulture)})",
        _ => $"score {(risk.Score > before.Score ? "up" : "down")} {before.Score.ToString("0.0", CultureInfo.InvariantCulture)} → {risk.Score.ToString("0.0", CultureInfo.InvariantCulture)}",
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>
/// The score rows' content hashes a write build made, by account index, with what each was made from (ADR-007): the
/// next build keeps a hash made from the very same risk objects, cluster and first-flagged time instead of hashing the
/// row again. A kept hash is the one the row would get, so comparing it with the stored row's stays exact whatever the
/// store holds. One build at a time.
/// </summary>
public sealed class ScoreRowMemory
{
    private volatile HeldScoreRow[]? _rows;

    internal HeldScoreRow[]? Rows => _rows;

    /// <summary>Lets go of the held hashes: the next build hashes every row.</summary>
    public void Forget() => _rows = null;

    internal void Keep(HeldScoreRow[] rows) => _rows = rows;
}

/// <summary>
/// The link rows the last <see cref="DetectionWriteBuilder.Build"/> made: by pair, and each link's evidence text by the
/// link object (a link's text depends on nothing else, and the link graph's memory hands unchanged links on as the same
/// objects). Held with the rest of ADR-007's memory; one build at a time.
/// </summary>
public sealed class LinkRowMemory
{
    private volatile HeldLinkRows? _held;

    internal HeldLinkRows? Held => _held;

    /// <summary>Lets go of the held rows: the next build writes every text and no changes.</summary>
    public void Forget() => _held = null;

    internal void Keep(HeldLinkRows held) => _held = held;
}

/// <summary>The link rows a build of run <see cref="RunId"/> made, by pair, and their texts by link object.</summary>
internal sealed class HeldLinkRows
{
    public HeldLinkRows(long runId, AccountLink[] links, ClusterLink[] rows, Dictionary<(int, int), ClusterLink> byPair)
    {
        RunId = runId;
        ByPair = byPair;
        Evidence = new Dictionary<AccountLink, string>(links.Length, ReferenceEqualityComparer.Instance);
        for (var k = 0; k < links.Length; k++)
        {
            Evidence[links[k]] = rows[k].EvidenceJson;
        }
    }

    public long RunId { get; }

    public Dictionary<(int, int), ClusterLink> ByPair { get; }

    public Dictionary<AccountLink, string> Evidence { get; }
}

/// <summary>One account's score row hash and what it was made from: the final and before-context risks (by reference), cluster and first-flagged time.</summary>
internal readonly record struct HeldScoreRow(
    int AccountKey, AccountRisk Risk, AccountRisk BeforeContext, int Cluster, string? ClusterId, DateTimeOffset? FirstFlaggedAt, long Hash)
{
    public bool Holds(int accountKey, AccountRisk risk, AccountRisk beforeContext, int cluster, string? clusterId, DateTimeOffset? firstFlaggedAt) =>
        AccountKey == accountKey && ReferenceEquals(Risk, risk) && ReferenceEquals(BeforeContext, beforeContext) && Cluster == cluster
        && string.Equals(ClusterId, clusterId, StringComparison.Ordinal) && Nullable.Equals(FirstFlaggedAt, firstFlaggedAt);
}

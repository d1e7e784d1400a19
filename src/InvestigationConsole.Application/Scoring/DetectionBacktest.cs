using System.Diagnostics;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Detection.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Scoring;

/// <summary>An account whose flag the proposed settings would change.</summary>
public sealed record BacktestExample(string AccountId, double ScoreNow, double ScoreAfter);

/// <summary>What the proposed settings would do to the current data, against the stored scores.</summary>
public sealed record BacktestResult(
    int Accounts, int WithoutAnalysis, int FlaggedNow, int FlaggedAfter, int NewlyFlagged, int Unflagged, int CampaignClustersAfter,
    IReadOnlyList<BacktestExample> NewlyFlaggedExamples, IReadOnlyList<BacktestExample> UnflaggedExamples, TimeSpan Duration);

/// <summary>
/// A dry run of proposed settings: the stored per-account analyses (no request is read) through the whole-population
/// engine, compared with the stored scores. Knobs that act while requests are read (synchrony bucket, template keys,
/// session break) are judged on analyses made with the active settings; a full run applies them exactly.
/// </summary>
public sealed class DetectionBacktest(IConsoleDbContextFactory contexts, IDetectionStore store, TimeProvider clock)
{
    public const int Examples = 5;

    public async Task<BacktestResult> RunAsync(DetectionSettings proposed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var watch = Stopwatch.StartNew();
        var population = new DetectionPopulation(await store.LoadInputsAsync(cancellationToken), proposed, clock.GetUtcNow());
        await using var db = contexts.Create();
        var stored = await db.AccountAnalyses.AsNoTracking().ToDictionaryAsync(a => a.AccountKey, a => a.Data, cancellationToken);
        var current = await db.AccountRiskScores.AsNoTracking()
            .Select(r => new { r.AccountKey, r.Score, r.Flagged })
            .ToDictionaryAsync(r => r.AccountKey, r => (r.Score, r.Flagged), cancellationToken);

        // An analysis stored in an older layout counts as missing until the next run re-reads its account.
        var positions = Enumerable.Range(0, population.Accounts.Count)
            .Where(i => stored.TryGetValue(population.Accounts[i].Key, out var data) && AnalysisCodec.IsCurrent(data)).ToArray();
        var analyses = new AccountAnalysis[positions.Length];
        Parallel.For(0, positions.Length, new ParallelOptions { CancellationToken = cancellationToken }, k =>
            analyses[k] = population.Refresh(AnalysisCodec.Decode(stored[population.Accounts[positions[k]].Key]), positions[k], k));
        var result = DetectionEngine.Run(analyses, population.Releases, proposed);

        var newly = new List<BacktestExample>();
        var unflagged = new List<BacktestExample>();
        for (var k = 0; k < positions.Length; k++)
        {
            var account = population.Accounts[positions[k]];
            var after = result.Risks[k];
            var now = current.GetValueOrDefault(account.Key);
            if (after.Flagged && !now.Flagged)
            {
                newly.Add(new BacktestExample(account.AccountId, now.Score, after.Score));
            }
            else if (!after.Flagged && now.Flagged)
            {
                unflagged.Add(new BacktestExample(account.AccountId, now.Score, after.Score));
            }
        }

        return new BacktestResult(
            population.Accounts.Count, population.Accounts.Count - positions.Length, current.Values.Count(v => v.Flagged),
            result.Risks.Count(r => r.Flagged), newly.Count, unflagged.Count, result.Clustering.Clusters.Count(c => c.IsCampaign),
            newly.OrderByDescending(e => e.ScoreAfter).Take(Examples).ToArray(),
            unflagged.OrderBy(e => e.ScoreAfter).Take(Examples).ToArray(),
            watch.Elapsed);
    }
}

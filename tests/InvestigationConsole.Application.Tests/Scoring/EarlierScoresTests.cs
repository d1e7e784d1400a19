using InvestigationConsole.Application.Evaluation;
using InvestigationConsole.Application.Tests.Simulation;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>The engine keeps an earlier run's scores only while the population baseline is the same.</summary>
public sealed class EarlierScoresTests(SmallScenario scenario) : IClassFixture<SmallScenario>
{
    [Fact]
    public void Run_EarlierScoresOfTheSameBaseline_GivesWhatScoringAgainGives()
    {
        var (analyses, releases) = Analyze();
        var fresh = DetectionEngine.Run(analyses, releases);

        // As an incremental run would pass them: the unchanged accounts' earlier scores, none for a few touched ones.
        var earlier = fresh.RisksBeforeContext.Select((risk, i) => i % 7 == 0 ? null : risk).ToArray();
        var again = DetectionEngine.Run(analyses, releases, earlier: new EarlierScores(fresh.Baseline, earlier));

        Assert.Equal(Render(fresh), Render(again));
        Assert.Same(fresh.RisksBeforeContext[1], again.RisksBeforeContext[1]);
        Assert.NotSame(fresh.RisksBeforeContext[0], again.RisksBeforeContext[0]);
    }

    [Fact]
    public void Run_EarlierScoresOfAnotherBaseline_ScoresEveryAccountAgain()
    {
        var (analyses, releases) = Analyze();
        var fresh = DetectionEngine.Run(analyses, releases);
        var decoys = analyses.Select(a => new AccountRisk(a.Profile.AccountId, 99, true, [], [])).ToArray();
        Assert.NotEmpty(fresh.Baseline.TypicalAdoptionShare);
        var otherShares = fresh.Baseline.TypicalAdoptionShare.ToDictionary(pair => pair.Key, pair => pair.Value + 0.01);

        var ignored = DetectionEngine.Run(analyses, releases, earlier: new EarlierScores(fresh.Baseline with { TypicalAdoptionShare = otherShares }, decoys));
        var wrongCount = DetectionEngine.Run(analyses, releases, earlier: new EarlierScores(fresh.Baseline, decoys[1..]));
        var used = DetectionEngine.Run(analyses, releases, earlier: new EarlierScores(fresh.Baseline, decoys));

        Assert.Equal(Render(fresh), Render(ignored));
        Assert.Equal(Render(fresh), Render(wrongCount));

        // The same baseline: the engine takes what it is given (the caller vouches that the profiles are the ones scored).
        Assert.All(used.RisksBeforeContext, risk => Assert.Equal(99, risk.Score));
    }

    [Fact]
    public void SameAs_ComparesReleasesAndSharesExactly()
    {
        var releases = new[] { new ModelRelease("m-2", DateTimeOffset.UnixEpoch.AddDays(3)) };
        var baseline = new PopulationBaseline(releases, new Dictionary<string, double> { ["m-2"] = 0.25 });

        Assert.True(baseline.SameAs(new PopulationBaseline([.. releases], new Dictionary<string, double> { ["m-2"] = 0.25 })));
        Assert.False(baseline.SameAs(new PopulationBaseline(releases, new Dictionary<string, double> { ["m-2"] = 0.25 + 1e-15 })));
        Assert.False(baseline.SameAs(new PopulationBaseline(releases, new Dictionary<string, double> { ["m-3"] = 0.25 })));
        Assert.False(baseline.SameAs(new PopulationBaseline([], new Dictionary<string, double> { ["m-2"] = 0.25 })));
        Assert.False(baseline.SameAs(PopulationBaseline.Empty));
    }

    private (IReadOnlyList<AccountAnalysis> Analyses, IReadOnlyList<ModelRelease> Releases) Analyze()
    {
        var export = ExportReader.Read(scenario.Folder);
        var releases = ModelReleases.Infer(export.FirstSeenByModel, export.DataStart);
        return (ExportEvaluation.Analyze(export, releases, DetectionSettings.Default), releases);
    }

    /// <summary>Every account's final and individual score with every signal, doubles as their bits.</summary>
    private static List<string> Render(DetectionResult result) =>
        result.Risks.Zip(result.RisksBeforeContext).Select(pair => string.Join(" | ", new[] { pair.First, pair.Second }.Select(risk =>
            $"{risk.AccountId} {BitConverter.DoubleToInt64Bits(risk.Score)} {risk.Flagged} {string.Join(',', risk.CorroboratingFamilies)} "
            + string.Join(';', risk.Signals.Select(s => $"{s.Name}:{BitConverter.DoubleToInt64Bits(s.Value)}:{BitConverter.DoubleToInt64Bits(s.Contribution)}:{s.Evidence}")))))
        .ToList();
}

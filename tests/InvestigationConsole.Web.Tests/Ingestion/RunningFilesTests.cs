using System.Reflection;
using Bunit;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain.Ingestion;
using InvestigationConsole.Web.Components.Pages.Ingestion;

namespace InvestigationConsole.Web.Tests.Ingestion;

public sealed class RunningFilesTests(IngestionDatabase database) : IngestionComponentContext(database), IClassFixture<IngestionDatabase>
{
    [Fact]
    public void RunningFiles_ProgressReported_ShowsBarFractionLinesRateAndEta()
    {
        var cut = Render<RunningFiles>();

        Board.Report(Progress(7, "requests-7.jsonl", fraction: 0.42, lines: 12_345, rate: 25_000, remaining: TimeSpan.FromSeconds(75)));

        cut.WaitForAssertion(() =>
        {
            var file = cut.Find("[data-testid=running-file]");
            Assert.Contains("requests-7.jsonl", file.TextContent, StringComparison.Ordinal);
            Assert.Equal("42%", file.QuerySelector("[data-testid=running-percent]")!.TextContent.Trim());
            Assert.Equal("42", file.QuerySelector("[role=progressbar]")!.GetAttribute("aria-valuenow"));
            var stats = Normalize(file.QuerySelector("[data-testid=running-stats]")!.TextContent);
            Assert.Equal("12,345 lines · 12,000 accepted · 300 duplicates · 45 rejected · 25k lines/s · 1 min 15 s left", stats);
        });
        Assert.Contains("25k lines/s", cut.Find("[data-testid=overall-throughput]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void RunningFiles_TwoFiles_AddsTheirRatesForOverallThroughput()
    {
        var cut = Render<RunningFiles>();

        Board.Report(Progress(11, "accounts-11.jsonl", rate: 4_000));
        Board.Report(Progress(12, "requests-12.jsonl", rate: 16_000));

        cut.WaitForAssertion(() =>
        {
            Assert.Equal(2, cut.FindAll("[data-testid=running-file]").Count);
            Assert.Contains("20k lines/s", cut.Find("[data-testid=overall-throughput]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void RunningFiles_FileFinished_LeavesTheList()
    {
        var cut = Render<RunningFiles>();
        Board.Report(Progress(21, "requests-21.jsonl"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=running-file]")));

        Board.Report(Progress(21, "requests-21.jsonl", fraction: 1) with { Finished = true });

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=running-file]")));
    }

    [Fact]
    public void RunningFiles_BurstOfReports_MovesTheBarAFewTimesEndingAtTheLast()
    {
        var cut = Render<RunningFiles>();
        var shown = new List<string>();
        cut.OnMarkupUpdated += (_, _) =>
        {
            if (cut.FindAll("[data-testid=running-percent]") is [var percent, ..] && (shown.Count == 0 || shown[^1] != percent.TextContent.Trim()))
            {
                shown.Add(percent.TextContent.Trim());
            }
        };

        var burst = System.Diagnostics.Stopwatch.StartNew();
        for (var line = 1; line <= 200; line++)
        {
            Board.Report(Progress(31, "requests-31.jsonl", fraction: line / 200.0, lines: line));
        }

        burst.Stop();

        // Generous timeout: on a loaded CI machine the trailing render can wait for a thread-pool thread.
        cut.WaitForAssertion(() => Assert.Equal("100%", cut.Find("[data-testid=running-percent]").TextContent.Trim()), TimeSpan.FromSeconds(15));
        Thread.Sleep(RunningFiles.RenderInterval * 2);

        // One render at the first report, one per interval the burst lasted, one trailing render with the last value.
        var allowed = 2 + (int)(burst.Elapsed / RunningFiles.RenderInterval);
        Assert.InRange(shown.Count, 1, allowed);
        Assert.True(shown.Count < 200 / 10, $"a burst of 200 reports rendered {shown.Count} times");
        Assert.Equal("100%", shown[^1]);
    }

    [Fact]
    public async Task RunningFiles_FileRunningWithoutProgressYet_ShowsItAsStarting()
    {
        var name = $"requests-slow-{Guid.NewGuid():n}.jsonl";
        await Database.AddFileAsync(name, IngestStatus.Running, Guid.NewGuid().ToString("n"));

        var cut = Render<RunningFiles>();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=starting-file]"), e => e.TextContent.Contains(name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunningFiles_Disposed_StopsListeningToTheBoard()
    {
        var cut = Render<RunningFiles>();
        Assert.NotNull(Subscribers());

        await DisposeComponentsAsync();

        Assert.Null(Subscribers());
        Board.Report(Progress(41, "requests-41.jsonl"));
        Assert.NotNull(cut);
    }

    private Delegate? Subscribers() =>
        (Delegate?)typeof(IngestProgressBoard).GetField(nameof(IngestProgressBoard.Changed), BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(Board);

    private static IngestProgress Progress(long id, string name, double fraction = 0.5, long lines = 12_345, double rate = 1_000, TimeSpan? remaining = null) =>
        new(id, name, GatewayStreamKind.Requests, fraction, lines, 12_000, 300, 45, rate, remaining ?? TimeSpan.FromSeconds(30), Finished: false);

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

using Bunit;
using InvestigationConsole.Application.Investigation;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Web.Components.Pages.Investigation;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Investigation;

public sealed class InvestigationComponentTests : MudTestContext
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 22, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HighlightedPrompt_MarkupInPromptText_IsRenderedAsTextAndPatternsAreMarked()
    {
        const string prompt = "<script>alert(1)</script><b>Think step by step</b> &amp; <img src=x onerror=alert(2)>";
        var segments = EvidenceSamplesQuery.Segment(prompt);

        var rendered = Render<HighlightedPrompt>(p => p.Add(c => c.Segments, segments));

        var container = rendered.Find("[data-testid=prompt-text]");
        Assert.Equal(prompt, container.TextContent);
        Assert.Empty(rendered.FindAll("script, b, img"));
        Assert.DoesNotContain("<script>", rendered.Markup, StringComparison.Ordinal);
        var mark = Assert.Single(rendered.FindAll("mark"));
        Assert.Equal("Think step by step", mark.TextContent);
        Assert.Contains("pattern-cot", mark.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void EvidenceSamples_NoSamples_SaysSoHonestly()
    {
        var rendered = Render<EvidenceSamples>(p => p.Add(c => c.Samples, []));

        Assert.Contains("No prompts of this account are kept", rendered.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TimelineData_GapsBetweenHours_AreFilledWithZerosPerModel()
    {
        var activity = new AccountActivity(
            [new(Start, "m-large", 5, 100, 200), new(Start, "m-small", 2, 10, 20), new(Start.AddHours(3), "m-large", 7, 1, 1)],
            [new ModelRelease("m-small", Start.AddMinutes(30)), new ModelRelease("m-before", Start.AddDays(-3))],
            [new ActivityBurst(Start.AddHours(3), 7, 4.5)]);

        var timeline = TimelineData.From(activity);

        Assert.Equal(["2026-02-02 22:00", "2026-02-02 23:00", "2026-02-03 00:00", "2026-02-03 01:00"], timeline.Hours);
        Assert.Equal(["m-large", "m-small"], timeline.Models.Select(m => m.Model));
        Assert.Equal([5, 0, 0, 7], timeline.Models[0].Requests);
        Assert.Equal([2, 0, 0, 0], timeline.Models[1].Requests);
        Assert.Equal([330L, 0, 0, 2], timeline.Tokens);
        Assert.Equal(
            [new TimelineMarker("2026-02-02 22:00", "m-small released", true), new TimelineMarker("2026-02-03 01:00", "burst ×4.5", false)],
            timeline.Markers);
    }

    [Fact]
    public void TimelineData_FlaggedAfterLastActiveHour_StretchesTheAxisAndMarksIt()
    {
        var timeline = TimelineData.From(new AccountActivity([new(Start, "m-large", 5, 100, 200)], [], []));

        var flagged = timeline.WithFlag(Start.AddHours(2).AddMinutes(40));

        Assert.Equal(["2026-02-02 22:00", "2026-02-02 23:00", "2026-02-03 00:00"], flagged.Hours);
        Assert.Equal([5, 0, 0], flagged.Models[0].Requests);
        Assert.Equal([300L, 0, 0], flagged.Tokens);
        Assert.Equal(new TimelineMarker("2026-02-03 00:00", "flagged", false, IsFlag: true), flagged.Markers.Single());
    }

    [Fact]
    public void TimelineData_FlaggedLongAfterOrNever_IsLeftAsItWas()
    {
        var timeline = TimelineData.From(new AccountActivity([new(Start, "m-large", 5, 100, 200)], [], []));

        Assert.Same(timeline, timeline.WithFlag(null));
        Assert.Same(timeline, timeline.WithFlag(Start + TimelineData.MaxFlagStretch + TimeSpan.FromHours(2)));
        Assert.Same(timeline, timeline.WithFlag(Start.AddHours(-5)));
    }

    [Fact]
    public void HeatmapData_HoursAcrossMidnight_LandOnTheirUtcDayAndHour()
    {
        var activity = new AccountActivity(
            [new(Start, "a", 5, 0, 0), new(Start, "b", 1, 0, 0), new(Start.AddHours(3), "a", 7, 0, 0)], [], []);

        var heatmap = HeatmapData.From(activity);

        Assert.Equal(["Mon 2026-02-02", "Tue 2026-02-03"], heatmap.Days);
        Assert.Equal([[22, 0, 6], [1, 1, 7]], heatmap.Cells);
        Assert.Equal(7, heatmap.Max);
    }

    [Fact]
    public void Timeline_EmptyActivity_ShowsNoChartAndSaysWhy()
    {
        var rendered = Render<ActivityTimeline>(p => p.Add(c => c.Data, TimelineData.From(new AccountActivity([], [], []))));

        Assert.Contains("No traffic from this account", rendered.Markup, StringComparison.Ordinal);
        Assert.Empty(rendered.FindAll(".vizor-echarts-container, canvas"));
    }
}

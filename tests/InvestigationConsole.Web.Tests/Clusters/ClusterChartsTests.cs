using InvestigationConsole.Application.Clusters;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Web.Components.Pages.Clusters;
using Vizor.ECharts;

namespace InvestigationConsole.Web.Tests.Clusters;

public sealed class ClusterChartsTests
{
    [Theory]
    [InlineData(0, "#2e7d32")]
    [InlineData(29.9, "#2e7d32")]
    [InlineData(40, "#f9a825")]
    [InlineData(50, "#ef6c00")]
    [InlineData(60, "#c62828")]
    [InlineData(100, "#c62828")]
    public void RiskColour_Score_FollowsTheScale(double score, string colour) => Assert.Equal(colour, ClusterCharts.RiskColour(score));

    [Fact]
    public void EdgeStyleFor_KnownTypes_AreDistinct()
    {
        string[] types = ["Payment", "SignupIp", "RequestIp", "Prefix", "ApiBehaviour", "Template", "Synchrony", "SignupBurst", "ModelPivot"];

        var styles = types.Select(ClusterCharts.EdgeStyleFor).ToList();

        Assert.Equal(types.Length, styles.Select(s => (s.Colour, s.Dash)).Distinct().Count());
        Assert.Equal("Unknown", ClusterCharts.EdgeStyleFor("Nonsense").Type);
    }

    [Fact]
    public void NodeSize_MoreRequests_IsLargerButBounded()
    {
        Assert.True(ClusterCharts.NodeSize(10_000) > ClusterCharts.NodeSize(10));
        Assert.True(ClusterCharts.NodeSize(10_000_000) < 45);
    }

    [Fact]
    public void Graph_View_HasOneNodePerMemberAndStyledLinks()
    {
        var view = View(
            [Member("a", 90, 500), Member("b", 30, 5)],
            [new ClusterGraphLink("a", "b", 0.8, true, ["Payment", "Synchrony"])]);

        var series = Assert.IsType<GraphSeries>(Assert.Single(ClusterCharts.Graph(view).Series!));

        Assert.Equal(GraphLayout.Force, series.Layout);
        var nodes = Assert.IsType<List<GraphSeriesData>>(series.Data);
        Assert.Equal(["a", "b"], nodes.Select(n => n.Name));
        var link = Assert.Single(Assert.IsType<List<GraphSeriesLink>>(series.Links));
        Assert.Equal(2, link.LineStyle!.Width);
        Assert.Equal("Payment", Assert.Single(ClusterCharts.UsedEdgeStyles(view.Links)).Type);
    }

    [Fact]
    public void Timeline_Series_AreStackedWithZoom()
    {
        var names = new Dictionary<int, string> { [1] = "a", [2] = "b" };
        var timeline = ClusterDossier.ShapeTimeline([(1, 100, 5), (2, 102, 7), (3, 101, 2)], names, false);

        var options = ClusterCharts.Timeline(timeline);

        Assert.Equal(3, options.Series!.Count);
        Assert.All(options.Series.Cast<LineSeries>(), s => Assert.Equal("requests", s.Stack));
        Assert.Equal(2, options.DataZoom!.Count);
    }

    private static ClusterMemberRow Member(string id, double score, long requests) =>
        new(id.Length, id, score, score >= 60, [], UsageTier.Free, "US", null, requests, null);

    private static ClusterDossierView View(List<ClusterMemberRow> members, List<ClusterGraphLink> links) =>
        new(new ClusterHeader("c-1", 90, members.Count, true, "", [], [], null, null), members, links, [], new ClusterTimeline([], [], false));
}

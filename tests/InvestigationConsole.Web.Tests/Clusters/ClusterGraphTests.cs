using Bunit;
using InvestigationConsole.Application.Clusters;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Web.Components.Pages.Clusters;
using InvestigationConsole.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Vizor.ECharts;

namespace InvestigationConsole.Web.Tests.Clusters;

public sealed class ClusterGraphTests : MudTestContext
{
    [Fact]
    public async Task Graph_NodeClicked_OpensThatAccount()
    {
        var cut = Render<ClusterGraph>(p => p.Add(c => c.View, View("acct_a/1", "acct_b")));
        var chart = cut.FindComponent<EChart>();

        await cut.InvokeAsync(() => chart.Instance.OnChartClick.InvokeAsync(new EventParams { DataType = "node", Name = "acct_a/1" }));

        Assert.EndsWith("/accounts/acct_a%2F1", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edge", "acct_a")]
    [InlineData("node", "")]
    public async Task Graph_EdgeOrUnnamedClicked_StaysOnTheCluster(string dataType, string name)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;
        var cut = Render<ClusterGraph>(p => p.Add(c => c.View, View("acct_a", "acct_b")));

        await cut.InvokeAsync(() => cut.FindComponent<EChart>().Instance.OnChartClick.InvokeAsync(new EventParams { DataType = dataType, Name = name }));

        Assert.Equal(before, navigation.Uri);
    }

    [Fact]
    public void Graph_Rendered_ShowsTheLegendOfUsedLinkTypes()
    {
        var cut = Render<ClusterGraph>(p => p.Add(c => c.View, View("acct_a", "acct_b")));

        var legend = cut.Find("[data-testid=graph-legend]").TextContent;
        Assert.Contains("Payment", legend, StringComparison.OrdinalIgnoreCase);
    }

    private static ClusterDossierView View(string first, string second)
    {
        List<ClusterMemberRow> members =
        [
            new(1, first, 91, true, [], UsageTier.Free, "US", null, 500, null),
            new(2, second, 35, false, [], UsageTier.Free, "US", null, 5, null),
        ];
        List<ClusterGraphLink> links = [new(first, second, 0.8, true, ["Payment"])];
        return new(new ClusterHeader("c-1", 90, members.Count, true, "", [], [], null, null), members, links, [], new ClusterTimeline([], [], false));
    }
}

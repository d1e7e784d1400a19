using Bunit;
using InvestigationConsole.Application.Clusters;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Web.Components.Pages.Clusters;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Clusters;

public sealed class ClusterMembersTableTests : MudTestContext
{
    [Fact]
    public void Table_AFewMembers_TakesTheirHeightOnly()
    {
        var cut = Render<ClusterMembersTable>(p => p.Add(c => c.Members, Members(2)));

        Assert.Equal(2, cut.FindAll("tbody tr").Count);
        Assert.DoesNotContain("height:420px", cut.Find(".mud-table-container").GetAttribute("style") ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Table_ManyMembers_ScrollsUnderItsHeader()
    {
        var cut = Render<ClusterMembersTable>(p => p.Add(c => c.Members, Members(30)));

        Assert.Equal(25, cut.FindAll("tbody tr").Count);
        Assert.Contains("height:420px", cut.Find(".mud-table-container").GetAttribute("style") ?? "", StringComparison.Ordinal);
    }

    private static List<ClusterMemberRow> Members(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i =>
            new ClusterMemberRow(i, $"acct_{i:000}", 80 - i, true, ["chain-of-thought"], UsageTier.Tier1, "US", DateTimeOffset.UnixEpoch, 100 + i, null)),
    ];
}

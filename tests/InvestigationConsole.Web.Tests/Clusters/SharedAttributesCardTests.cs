using Bunit;
using InvestigationConsole.Application.Clusters;
using InvestigationConsole.Web.Components.Pages.Clusters;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Clusters;

public sealed class SharedAttributesCardTests : MudTestContext
{
    private static readonly ClusterHeader Header =
        new("CL-1", 29.7, 2, false, "Payment ×1", ["Payment"], ["payment method pf_Qecv1cl4hl (1 link)"], null, null);

    [Fact]
    public void Card_SharedValues_ShowEachKindAboveItsValueWithTheMemberCount()
    {
        var cut = Render<SharedAttributesCard>(p => p
            .Add(c => c.Header, Header)
            .Add(c => c.Attributes, [new SharedAttribute("Payment fingerprint", "pf_Qecv1cl4hl", 2), new SharedAttribute("Request /24", "112.130.87.0/24", 2)]));

        var rows = cut.FindAll("[data-testid=shared-attribute]");
        Assert.Equal(2, rows.Count);
        var cells = rows[1].QuerySelectorAll("td");
        Assert.Equal(2, cells.Length);
        Assert.Equal("Request /24", cells[0].QuerySelector(".mud-typography-caption")!.TextContent.Trim());
        Assert.Contains("112.130.87.0/24", cells[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2", cells[1].TextContent.Trim());
        // Values break only where they must: never letter by letter.
        Assert.DoesNotContain("break-all", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("payment method pf_Qecv1cl4hl (1 link)", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Card_NothingShared_SaysSo()
    {
        var cut = Render<SharedAttributesCard>(p => p.Add(c => c.Header, Header with { SharedAttributes = [] }).Add(c => c.Attributes, []));

        Assert.Contains("No attribute value is shared", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=shared-attribute]"));
    }
}

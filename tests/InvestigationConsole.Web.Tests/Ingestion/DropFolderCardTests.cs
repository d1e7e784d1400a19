using Bunit;
using InvestigationConsole.Domain;
using InvestigationConsole.Web.Components.Pages.Ingestion;
using MudBlazor;

namespace InvestigationConsole.Web.Tests.Ingestion;

public sealed class DropFolderCardTests(IngestionDatabase database) : IngestionComponentContext(database), IClassFixture<IngestionDatabase>
{
    [Fact]
    public void DropFolderCard_Rendered_ShowsTheDropFolderPath()
    {
        var cut = Render<DropFolderCard>();

        Assert.Equal(Path.Combine(Database.DataFolder, "inbox"), cut.Find("[data-testid=drop-folder-path]").TextContent);
    }

    [Fact]
    public void DropFolderCard_AdminClicksScan_EnqueuesAScan()
    {
        var scans = Database.Jobs.Scans;
        var cut = Render<DropFolderCard>();

        cut.Find("[data-testid=scan-now]").Click();

        cut.WaitForAssertion(() => Assert.Equal(scans + 1, Database.Jobs.Scans));
        Assert.NotEmpty(cut.FindAll("[data-testid=scan-queued]"));
    }

    [Fact]
    public void DropFolderCard_UserNoLongerAdmin_ScanIsRefused()
    {
        var scans = Database.Jobs.Scans;
        var cut = Render<DropFolderCard>();
        SignInAs(Roles.Compliance);

        cut.Find("[data-testid=scan-now]").Click();

        Assert.Equal(scans, Database.Jobs.Scans);
        Assert.Empty(cut.FindAll("[data-testid=scan-queued]"));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == AdministratorCheck.Refusal);
    }
}

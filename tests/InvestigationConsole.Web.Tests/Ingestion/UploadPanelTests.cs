using Bunit;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Domain;
using InvestigationConsole.Web.Components.Pages.Ingestion;
using Microsoft.AspNetCore.Components.Forms;

namespace InvestigationConsole.Web.Tests.Ingestion;

public sealed class UploadPanelTests(IngestionDatabase database) : IngestionComponentContext(database), IClassFixture<IngestionDatabase>
{
    private string DropFolder => Database.Services.GetRequiredService<IngestFolders>().DropFolder;

    [Fact]
    public void UploadPanel_ExportAndMisnamedFile_QueuesTheExportAndSaysWhyTheOtherIsRefused()
    {
        var tag = Guid.NewGuid().ToString("n")[..8];
        var scans = Database.Jobs.Scans;
        var cut = Render<UploadPanel>();

        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("{\"account_id\":\"a\"}\n", $"accounts-{tag}.jsonl"),
            InputFileContent.CreateFromText("a,b\n", $"accounts-{tag}.csv"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=upload-message]").Count));
        var items = cut.FindAll("[data-testid=upload-item]");
        Assert.Contains("Uploaded; it is ingested next.", items.Single(i => i.TextContent.Contains($"accounts-{tag}.jsonl", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        Assert.Contains("Not an export file", items.Single(i => i.TextContent.Contains($"accounts-{tag}.csv", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(DropFolder, $"accounts-{tag}.jsonl")));
        Assert.False(File.Exists(Path.Combine(DropFolder, $"accounts-{tag}.csv")));
        Assert.Equal(scans + 1, Database.Jobs.Scans);
    }

    [Fact]
    public void UploadPanel_UserNoLongerAdmin_RefusesEveryFileAndWritesNothing()
    {
        var name = $"requests-{Guid.NewGuid():n}.jsonl";
        var scans = Database.Jobs.Scans;
        var cut = Render<UploadPanel>();
        SignInAs(Roles.Manager);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{}\n", name));

        cut.WaitForAssertion(() => Assert.Contains(AdministratorCheck.Refusal, cut.Find("[data-testid=upload-message]").TextContent, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(DropFolder, name)));
        Assert.Equal(scans, Database.Jobs.Scans);
    }

    [Fact]
    public void UploadPanel_MoreThanTwentyFiles_TakesTwentyAndAsksForTheRestAgain()
    {
        var tag = Guid.NewGuid().ToString("n")[..8];
        var cut = Render<UploadPanel>();

        cut.FindComponent<InputFile>().UploadFiles([.. Enumerable.Range(1, 21).Select(i => InputFileContent.CreateFromText($"{{\"n\":{i}}}\n", $"requests-{tag}-{i:00}.jsonl"))]);

        cut.WaitForAssertion(() => Assert.Equal(21, cut.FindAll("[data-testid=upload-message]").Count));
        Assert.Equal(20, Directory.EnumerateFiles(DropFolder, $"requests-{tag}-*.jsonl").Count());
        Assert.Contains("At most 20 files per drop", cut.FindAll("[data-testid=upload-item]")[20].TextContent, StringComparison.Ordinal);
    }
}

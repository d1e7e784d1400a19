using Bunit;
using InvestigationConsole.Application.Ingestion.Queries;
using InvestigationConsole.Domain;
using InvestigationConsole.Web.Components.Pages.Ingestion;

namespace InvestigationConsole.Web.Tests.Ingestion;

public sealed class QuarantineViewTests(IngestionDatabase database) : IngestionComponentContext(database), IClassFixture<IngestionDatabase>
{
    private const string ScriptLine = """{"request_id":"r1","ts":"<script>alert('pwned')</script>","note":"<b>bold</b> & <img src=x onerror=alert(1)>"}""";

    [Fact]
    public async Task QuarantinedLines_RawTextWithMarkup_IsShownAsTextNeverAsHtml()
    {
        var fileId = await Database.AddFileAsync($"requests-markup-{Guid.NewGuid():n}.jsonl", (3, "BadTimestamp", "ts", ScriptLine));
        var summary = await Services.GetRequiredService<QuarantineReview>().SummarizeAsync();

        var cut = Render<QuarantinedLines>(p => p.Add(c => c.Summary, summary).Add(c => c.FileId, fileId));

        var raw = cut.WaitForElement("[data-testid=quarantine-raw]");
        Assert.Equal("PRE", raw.TagName);
        Assert.Equal(ScriptLine, raw.TextContent);
        Assert.Empty(raw.Children);
        Assert.Empty(cut.FindAll("[data-testid=quarantine-lines] script, [data-testid=quarantine-lines] img, [data-testid=quarantine-lines] pre b"));
        Assert.Contains("&lt;script&gt;", raw.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuarantinePanel_FileClicked_ShowsCountsAndOnlyThatFilesLines()
    {
        var first = await Database.AddFileAsync($"requests-a-{Guid.NewGuid():n}.jsonl", (1, "InvalidJson", null, "{oops"), (2, "InvalidJson", null, "{again"), (5, "MissingField", "ts", "{}"));
        var second = await Database.AddFileAsync($"requests-b-{Guid.NewGuid():n}.jsonl", (7, "BadIpAddress", "ip", """{"ip":"300.1.2.3"}"""));

        var cut = Render<QuarantinePanel>();

        var files = cut.WaitForElements("[data-testid=quarantine-files] tbody tr");
        var firstRow = files.Single(r => r.TextContent.Contains($"#{first}", StringComparison.Ordinal));
        Assert.Contains("InvalidJson 2 · MissingField 1", firstRow.TextContent, StringComparison.Ordinal);
        firstRow.Click();

        cut.WaitForAssertion(() =>
        {
            var lines = cut.FindAll("[data-testid=quarantine-lines] tbody tr");
            Assert.Equal(["{oops", "{again", "{}"], lines.Select(l => l.QuerySelector("[data-testid=quarantine-raw]")!.TextContent));
        });
        Assert.DoesNotContain(cut.FindAll("[data-testid=quarantine-raw]"), e => e.TextContent.Contains("300.1.2.3", StringComparison.Ordinal));
        Assert.True(second > first);
    }

    [Fact]
    public async Task QuarantinedLines_UserNoLongerAdmin_SeesRefusalAndNoLines()
    {
        await Database.AddFileAsync($"requests-secret-{Guid.NewGuid():n}.jsonl", (1, "InvalidJson", null, "secret raw text"));
        SignInAs(Roles.Investigator);

        var cut = Render<QuarantinedLines>(p => p.Add(c => c.Summary, QuarantineSummary.Empty));

        cut.WaitForAssertion(() => Assert.Contains(AdministratorCheck.Refusal, cut.Markup, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=quarantine-raw]"));
    }
}

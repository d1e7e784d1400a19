using InvestigationConsole.Application.Audit;
using InvestigationConsole.EndToEnd.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestigationConsole.EndToEnd.Tests.Ingestion;

[Collection(EndToEndCollection.Name)]
public sealed class UploadJourneyTests(ConsoleApp app) : IDisposable
{
    // The demo scenario is still being ingested when the app has just started, one file at a time: ours queue behind it.
    private const float IngestTimeoutMs = 180_000;

    private readonly string _tag = Guid.NewGuid().ToString("n")[..8];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ic-e2e-uploads", Guid.NewGuid().ToString("n"));

    private string AccountsFile => $"accounts-e2e-{_tag}.jsonl";

    private string RequestsFile => $"requests-e2e-{_tag}.jsonl";

    private string MisnamedFile => $"export-e2e-{_tag}.csv";

    /// <summary>The one bad line: its timestamp is markup, which the quarantine must show as text and never run.</summary>
    private string BadLine => Request("r3", "<script>window.__injected = true</script>");

    [Fact]
    public async Task Admin_UploadsAccountsAndRequests_SeesThemIngestedAndTheBadLineQuarantined()
    {
        var files = WriteExport();
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;
        await ConsoleApp.SignInAsync(page, DemoUser.Admin);
        await page.GetByTestId("nav-ingestion").ClickAsync();
        await ConsoleApp.WaitForAddressAsync(page, url => ConsoleApp.PathOf(url) == "/ingestion");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ingestion");
        await Expect(page.GetByTestId("drop-folder-path")).ToContainTextAsync("inbox");

        var input = page.GetByTestId("upload-panel").Locator("input[type=file]");
        // Blazor's InputFile listens for 'change' only once its script has set the element up (it then numbers the files
        // it reads): files chosen before that would be lost.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=upload-panel] input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await input.SetInputFilesAsync(files);

        var uploads = page.GetByTestId("upload-item");
        await Expect(uploads).ToHaveCountAsync(3);
        await Expect(uploads.Filter(new() { HasText = MisnamedFile }).GetByTestId("upload-message")).ToContainTextAsync("Not an export file");
        await Expect(uploads.Filter(new() { HasText = AccountsFile }).GetByTestId("upload-message")).ToHaveTextAsync("Uploaded; it is ingested next.");
        await Expect(uploads.Filter(new() { HasText = RequestsFile }).GetByTestId("upload-message")).ToHaveTextAsync("Uploaded; it is ingested next.");

        // The history follows the ingest jobs live: no reload needed.
        var accounts = HistoryRow(page, AccountsFile);
        var requests = HistoryRow(page, RequestsFile);
        await Expect(accounts.GetByTestId("status-chip")).ToHaveTextAsync("Completed", new() { Timeout = IngestTimeoutMs });
        await Expect(requests.GetByTestId("status-chip")).ToHaveTextAsync("Completed", new() { Timeout = IngestTimeoutMs });
        await ExpectCountsAsync(accounts, lines: "2", accepted: "2", duplicates: "0", rejected: "0");
        await ExpectCountsAsync(requests, lines: "4", accepted: "3", duplicates: "0", rejected: "1");
        await Expect(requests).ToContainTextAsync("drop-folder");
        await ConsoleApp.SaveScreenshotAsync(page, "ingestion");

        await page.SetViewportSizeAsync(1024, 768);
        await ConsoleApp.SaveScreenshotAsync(page, "ingestion-1024x768");
        await page.SetViewportSizeAsync(1440, 900);

        // The demo scenario's files may finish after ours and join the top of the quarantine's file list: let them.
        await app.WaitForIngestIdleAsync(TimeSpan.FromMilliseconds(IngestTimeoutMs));
        await page.GetByRole(AriaRole.Tab, new() { Name = "Quarantine" }).ClickAsync();
        await page.GetByTestId("quarantine-files").Locator("tr").Filter(new() { HasText = RequestsFile }).ClickAsync();
        var lines = page.GetByTestId("quarantine-lines").Locator("tbody tr");
        await Expect(lines).ToHaveCountAsync(1);
        await Expect(lines.GetByTestId("quarantine-where")).ToContainTextAsync("line 3");
        await Expect(lines.GetByTestId("quarantine-why")).ToContainTextAsync("BadTimestamp");
        await Expect(lines.GetByTestId("quarantine-raw")).ToHaveTextAsync(BadLine);
        Assert.False(await page.EvaluateAsync<bool>("() => window.__injected === true"), "The quarantined line's markup ran in the page.");
        await Expect(page.GetByTestId("quarantine").Locator("script")).ToHaveCountAsync(0);
        await ConsoleApp.SaveScreenshotAsync(page, "ingestion-quarantine");

        await using var scope = app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AuditTrail>().ReadAsync(new AuditTrailFilter(_tag));
        Assert.Equal(
            [(DemoUser.Admin, "ingest.uploaded", AccountsFile), (DemoUser.Admin, "ingest.uploaded", RequestsFile)],
            audit.Items.Select(e => (e.Actor, e.Action, e.SubjectId)).OrderBy(e => e.SubjectId, StringComparer.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    private static ILocator HistoryRow(IPage page, string fileName) =>
        page.GetByTestId("ingest-history").Locator("tbody tr").Filter(new() { Has = page.GetByTestId("history-file").GetByText(fileName, new() { Exact = true }) });

    private static async Task ExpectCountsAsync(ILocator row, string lines, string accepted, string duplicates, string rejected)
    {
        await Expect(row.GetByTestId("history-lines")).ToHaveTextAsync(lines);
        await Expect(row.GetByTestId("history-accepted")).ToHaveTextAsync(accepted);
        await Expect(row.GetByTestId("history-duplicates")).ToHaveTextAsync(duplicates);
        await Expect(row.GetByTestId("history-rejected")).ToHaveTextAsync(rejected);
    }

    /// <summary>Two accounts and four requests, the third of which has a timestamp the contract refuses; ids carry the test's tag.</summary>
    private string[] WriteExport()
    {
        Directory.CreateDirectory(_folder);
        string[] accounts = [Account("a1"), Account("a2")];
        string[] requests = [Request("r1", "2026-02-01T08:00:01Z"), Request("r2", "2026-02-01T08:00:02Z"), BadLine, Request("r4", "2026-02-01T08:00:04Z")];
        return
        [
            Write(AccountsFile, accounts),
            Write(RequestsFile, requests),
            Write(MisnamedFile, ["account_id,tier"]),
        ];
    }

    private string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private string Account(string id) =>
        $$"""{"account_id":"acct_{{_tag}}_{{id}}","org_id":null,"created_at":"2026-01-04T09:12:44Z","email_domain":"example.com","payment_fingerprint":"pf_{{_tag}}","billing_country":"US","signup_ip":"198.51.100.24","verification":"email","tier":"tier1"}""";

    private string Request(string id, string ts) =>
        $$"""{"request_id":"req_{{_tag}}_{{id}}","ts":"{{ts}}","account_id":"acct_{{_tag}}_a1","ip":"198.51.100.24","user_agent":"python-httpx/0.27.0","model":"frontier-large-2","endpoint":"/v1/messages","input_tokens":100,"output_tokens":400,"latency_ms":900,"status":200,"tool_count":0,"turns":1,"prompt":"Explain how photosynthesis works."}""";
}

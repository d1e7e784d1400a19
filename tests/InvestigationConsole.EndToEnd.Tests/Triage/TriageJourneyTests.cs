using InvestigationConsole.Application.Common;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.EndToEnd.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestigationConsole.EndToEnd.Tests.Triage;

[Collection(EndToEndCollection.Name)]
public sealed class TriageJourneyTests(ConsoleApp app)
{
    [Fact]
    public async Task Investigator_ClaimsNext_ReadsAccountAndCluster_DismissesAndItLeavesTheQueue()
    {
        await WaitForScoredDemoAsync(TimeSpan.FromMinutes(10));
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await ConsoleApp.SignInAsync(page, DemoUser.Investigator);

        // The dashboard counts the open queue and links to it.
        await Expect(page.GetByTestId("dash-flagged-value")).Not.ToHaveTextAsync("0");
        await Expect(page.GetByTestId("chart-risk").Locator("canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-flagged").Locator("canvas").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(800); // the charts' entry animation
        await ConsoleApp.SaveScreenshotAsync(page, "dashboard-1440x900");
        await page.SetViewportSizeAsync(1024, 768);
        await page.WaitForTimeoutAsync(800);
        await ConsoleApp.SaveScreenshotAsync(page, "dashboard-1024x768");
        await page.SetViewportSizeAsync(1440, 900);
        var topCluster = await page.GetByTestId("top-clusters").Locator("a").First.GetAttributeAsync("href");

        await page.GotoAsync("/queue");
        await ConsoleApp.WaitForInteractivityAsync(page);
        await Expect(page.GetByTestId("queue-account").First).ToBeVisibleAsync();
        await ConsoleApp.SaveScreenshotAsync(page, "queue-1440x900");
        await page.SetViewportSizeAsync(1024, 768);
        await ConsoleApp.SaveScreenshotAsync(page, "queue-1024x768");
        await page.SetViewportSizeAsync(1440, 900);

        // Claim next hands over the riskiest unclaimed account and opens it.
        await page.GetByTestId("claim-next").ClickAsync();
        await ConsoleApp.WaitForAddressAsync(page, url => ConsoleApp.PathOf(url).StartsWith("/accounts/", StringComparison.Ordinal));
        var accountId = await page.GetByTestId("account-title").InnerTextAsync();
        await Expect(page.GetByTestId("held-by-me")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("risk-score")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("risk-signal").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("activity-timeline").Locator("canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("activity-heatmap").Locator("canvas").First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(800);
        await ConsoleApp.SaveScreenshotAsync(page, "account-claimed-1440x900");

        // Its cluster shows the fleet as a graph (an account outside any cluster: the dashboard's riskiest cluster).
        var accountUrl = page.Url;
        var cluster = page.GetByTestId("risk-cluster");
        if (await cluster.CountAsync() > 0)
        {
            await cluster.ClickAsync();
        }
        else
        {
            await page.GotoAsync(Assert.IsType<string>(topCluster));
        }

        await ConsoleApp.WaitForAddressAsync(page, url => ConsoleApp.PathOf(url).StartsWith("/clusters/", StringComparison.Ordinal));
        await Expect(page.GetByTestId("cluster-graph").Locator("canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("cluster-members")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(1500);
        await ConsoleApp.SaveScreenshotAsync(page, "cluster-1440x900");
        await page.SetViewportSizeAsync(1024, 768);
        await page.WaitForTimeoutAsync(800);
        await ConsoleApp.SaveScreenshotAsync(page, "cluster-1024x768");
        await page.SetViewportSizeAsync(1440, 900);

        // Clicking a member's node opens that member's account page.
        var opened = await ClickGraphNodeAsync(page);
        await ConsoleApp.WaitForAddressAsync(page, url => ConsoleApp.PathOf(url) == $"/accounts/{Uri.EscapeDataString(opened)}");
        await Expect(page.GetByTestId("account-title")).ToHaveTextAsync(opened);

        await page.GotoAsync(accountUrl);
        await ConsoleApp.WaitForAddressAsync(page, url => ConsoleApp.PathOf(url).StartsWith("/accounts/", StringComparison.Ordinal));
        await ConsoleApp.WaitForInteractivityAsync(page);

        // Dismissing needs a reason; the account then leaves the open queue and shows among the dismissed.
        await page.GetByTestId("account-dismiss").ClickAsync();
        await page.GetByTestId("dismiss-dialog").Locator("textarea").FillAsync("Known university evaluation harness, confirmed with the customer");
        await page.GetByTestId("dismiss-confirm").ClickAsync();
        await Expect(page.GetByTestId("risk-dismissed")).ToBeVisibleAsync();

        await page.GotoAsync("/queue");
        await ConsoleApp.WaitForInteractivityAsync(page);
        await page.GetByTestId("queue-text").FillAsync(accountId);
        await Expect(page.GetByTestId("queue-empty")).ToBeVisibleAsync();
        await page.GetByTestId("scope-dismissed").ClickAsync();
        await Expect(page.GetByTestId("queue-account").Filter(new LocatorFilterOptions { HasText = accountId })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    /// <summary>
    /// Clicks the last member's node (drawn on top of the others) where ECharts drew it and returns its account id.
    /// The force layout may still be settling, so the node's position is read again before each of a few attempts.
    /// </summary>
    private static async Task<string> ClickGraphNodeAsync(IPage page)
    {
        const string locate = """
            () => {
                const host = document.querySelector('[data-testid=cluster-graph] [_echarts_instance_]');
                const chart = echarts.getInstanceByDom(host);
                const data = chart.getModel().getSeriesByIndex(0).getData();
                const last = data.count() - 1;
                const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, data.getItemLayout(last));
                const box = host.getBoundingClientRect();
                return { x: box.left + x, y: box.top + y, name: data.getName(last) };
            }
            """;
        for (var attempt = 1; ; attempt++)
        {
            var node = await page.EvaluateAsync<NodePoint>(locate);
            await page.Mouse.ClickAsync(node.X, node.Y);
            try
            {
                await ConsoleApp.WaitForAddressAsync(page, url => ConsoleApp.PathOf(url).StartsWith("/accounts/", StringComparison.Ordinal), timeoutMs: 3000);
                return node.Name;
            }
            catch (TimeoutException) when (attempt < 5)
            {
                await page.WaitForTimeoutAsync(1000);
            }
        }
    }

    private sealed class NodePoint
    {
        public float X { get; set; }

        public float Y { get; set; }

        public string Name { get; set; } = "";
    }

    /// <summary>Waits until the demo is ingested and a detection run has flagged accounts with nothing left to run.</summary>
    private async Task WaitForScoredDemoAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await app.WaitForIngestIdleAsync(timeout);
        var contexts = app.Services.GetRequiredService<IConsoleDbContextFactory>();
        while (true)
        {
            await using (var db = contexts.Create())
            {
                var pending = await db.DetectionRuns.AnyAsync(r => r.Status == DetectionRunStatus.Queued || r.Status == DetectionRunStatus.Running);
                var flagged = await db.AccountRiskScores.CountAsync(r => r.Flagged);
                if (!pending && flagged > 0)
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "No detection run flagged demo accounts in time.");
            await Task.Delay(2000);
        }
    }
}

using InvestigationConsole.EndToEnd.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace InvestigationConsole.EndToEnd.Tests.Jobs;

[Collection(EndToEndCollection.Name)]
public sealed class JobsDashboardTests(ConsoleApp app)
{
    private const string DashboardTitle = "InvestigationConsole · jobs";

    [Theory]
    [InlineData(DemoUser.Investigator)]
    [InlineData(DemoUser.Manager)]
    [InlineData(DemoUser.Compliance)]
    public async Task JobsDashboard_NonAdmin_IsRefused(string email)
    {
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;
        await ConsoleApp.SignInAsync(page, email);

        var response = await page.GotoAsync("/jobs");

        Assert.NotNull(response);
        Assert.Equal(403, response.Status);
        Assert.Equal("/Account/AccessDenied", new Uri(page.Url).AbsolutePath);
        await Expect(page.GetByText("Not available to your role")).ToBeVisibleAsync();
        await Expect(page.GetByText(DashboardTitle)).ToHaveCountAsync(0);
        await ConsoleApp.SaveScreenshotAsync(page, $"jobs-refused-{email.Split('@')[0]}");
    }

    [Fact]
    public async Task JobsDashboard_Admin_OpensFromNavigation()
    {
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;
        await ConsoleApp.SignInAsync(page, DemoUser.Admin);

        await page.GetByTestId("nav-jobs").ClickAsync();

        await ConsoleApp.WaitForAddressAsync(page, url => ConsoleApp.PathOf(url).StartsWith("/jobs", StringComparison.Ordinal));
        await Expect(page.GetByText(DashboardTitle).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Servers" }).First).ToBeVisibleAsync();
        await ConsoleApp.SaveScreenshotAsync(page, "jobs-admin");
    }
}

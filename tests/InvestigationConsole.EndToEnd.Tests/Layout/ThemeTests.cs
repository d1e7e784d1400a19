using InvestigationConsole.EndToEnd.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace InvestigationConsole.EndToEnd.Tests.Layout;

[Collection(EndToEndCollection.Name)]
public sealed class ThemeTests(ConsoleApp app)
{
    // The page background of ConsoleTheme's light and dark palettes (#f5f6fa, #14161f).
    private const string LightBackground = "rgb(245, 246, 250)";
    private const string DarkBackground = "rgb(20, 22, 31)";

    [Fact]
    public async Task ThemeToggle_Clicked_SwitchesToDarkAndSurvivesReload()
    {
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;
        await ConsoleApp.SignInAsync(page, DemoUser.Investigator);
        var body = page.Locator("body");
        await Expect(body).ToHaveCSSAsync("background-color", LightBackground);

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(body).ToHaveCSSAsync("background-color", DarkBackground);

        await page.ReloadAsync();
        await ConsoleApp.WaitForInteractivityAsync(page);
        await Expect(body).ToHaveCSSAsync("background-color", DarkBackground);
        await ConsoleApp.SaveScreenshotAsync(page, "home-investigator-dark");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(body).ToHaveCSSAsync("background-color", LightBackground);
    }
}

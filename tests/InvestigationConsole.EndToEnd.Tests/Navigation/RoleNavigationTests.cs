using InvestigationConsole.EndToEnd.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestigationConsole.EndToEnd.Tests.Navigation;

[Collection(EndToEndCollection.Name)]
public sealed class RoleNavigationTests(ConsoleApp app)
{
    /// <summary>
    /// Who sees what, written out from NavigationCatalog and Policies rather than read from them, so that a wrong
    /// policy on a catalog entry fails here: Home for all, Audit log for Compliance and Admin, Users and jobs for Admin.
    /// </summary>
    public static TheoryData<string, string, string[]> DemoUsersAndTheirPlaces => new()
    {
        { DemoUser.Investigator, "Investigator", ["nav-", "nav-queue"] },
        { DemoUser.Manager, "Manager", ["nav-", "nav-queue"] },
        { DemoUser.Compliance, "Compliance", ["nav-", "nav-audit"] },
        { DemoUser.Admin, "Admin", ["nav-", "nav-queue", "nav-audit", "nav-admin-users", "nav-ingestion", "nav-admin-detection", "nav-jobs"] },
    };

    [Theory]
    [MemberData(nameof(DemoUsersAndTheirPlaces))]
    public async Task DemoUser_SignsIn_SeesExactlyTheirRolesNavigationAndHome(string email, string role, string[] navigation)
    {
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;

        await ConsoleApp.SignInAsync(page, email);

        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Welcome, {email}");
        await Expect(page.GetByTestId("home-roles")).ToHaveTextAsync($"Signed in as {role}.");
        Assert.Equal(navigation.Order(), await TestIdsAsync(page.GetByTestId("nav").Locator("[data-testid^='nav-']")));

        // The home page offers the same places as tiles, less home itself.
        var tiles = navigation.Where(id => id != "nav-").Select(id => "tile-" + id["nav-".Length..]).Order();
        Assert.Equal(tiles, await TestIdsAsync(page.Locator("[data-testid^='tile-']")));
        await Expect(page.GetByTestId("system-status")).ToBeVisibleAsync();

        await ConsoleApp.SaveScreenshotAsync(page, $"home-{role.ToLowerInvariant()}");
    }

    private static async Task<IEnumerable<string>> TestIdsAsync(ILocator locator) =>
        (await locator.EvaluateAllAsync<string[]>("elements => elements.map(e => e.dataset.testid)")).Order();
}

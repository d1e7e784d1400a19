using InvestigationConsole.EndToEnd.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using static Microsoft.Playwright.Assertions;

namespace InvestigationConsole.EndToEnd.Tests.Account;

[Collection(EndToEndCollection.Name)]
public sealed class SignInTests(ConsoleApp app)
{
    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        const string password = "Right-pass-42";
        var email = await app.CreateUserAsync("Investigator", password);
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;
        var error = page.GetByTestId("login-error");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            // A fresh form each time: the message below can then only come from this attempt's answer.
            await page.GotoAsync("/Account/Login");
            await ConsoleApp.SubmitLoginAsync(page, email, $"Wrong-pass-{attempt}!");
            await Expect(error).ToHaveTextAsync("Wrong e-mail or password.");
        }

        await page.GotoAsync("/Account/Login");
        await ConsoleApp.SubmitLoginAsync(page, email, "Wrong-pass-5!");
        await Expect(error).ToContainTextAsync("locked");
        await ConsoleApp.SaveScreenshotAsync(page, "login-locked");

        await page.GotoAsync("/Account/Login");
        await ConsoleApp.SubmitLoginAsync(page, email, password);
        await Expect(error).ToContainTextAsync("locked");
        Assert.True(ConsoleApp.IsLoginPage(page.Url), $"A locked user got past the login page to {page.Url}.");
        Assert.DoesNotContain(await session.Context.CookiesAsync(), cookie => cookie.Name == "InvestigationConsole.Auth");
    }

    [Fact]
    public async Task SignOut_FromUserMenu_ReturnsToTheLoginPage()
    {
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;
        await ConsoleApp.SignInAsync(page, DemoUser.Manager);

        await page.GetByTestId("user-menu").ClickAsync();
        await Expect(page.GetByTestId("user-roles")).ToHaveTextAsync("Manager");
        await ConsoleApp.SaveScreenshotAsync(page, "user-menu-manager");
        await page.GetByTestId("logout").ClickAsync();

        await ConsoleApp.WaitForAddressAsync(page, ConsoleApp.IsLoginPage);
        await Expect(page.GetByTestId("sign-in")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        Assert.True(ConsoleApp.IsLoginPage(page.Url), $"After signing out, / showed {page.Url} instead of the login page.");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/audit")]
    public async Task UnauthenticatedVisit_ToAConsolePage_SignsInAndReturnsThere(string path)
    {
        await using var session = await app.OpenSessionAsync();
        var page = session.Page;

        await page.GotoAsync(path);

        await ConsoleApp.WaitForAddressAsync(page, ConsoleApp.IsLoginPage);
        Assert.Equal(path, ReturnUrlOf(page.Url));
        await ConsoleApp.SignInAsync(page, DemoUser.Compliance);
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, path).ToString());
    }

    private static string? ReturnUrlOf(string url) => QueryHelpers.ParseQuery(new Uri(url).Query).TryGetValue("ReturnUrl", out var value) ? value.ToString() : null;
}

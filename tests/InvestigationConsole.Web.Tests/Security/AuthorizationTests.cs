using System.Net;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Security;

public sealed class AuthorizationTests(ConsoleWebFactory factory) : IClassFixture<ConsoleWebFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/audit")]
    [InlineData("/admin/users")]
    [InlineData("/jobs")]
    [InlineData("/queue")]
    [InlineData("/not-a-page")]
    [InlineData("/clusters/x")]
    public async Task Anonymous_RequestingConsolePage_IsRedirectedToLogin(string path)
    {
        var response = await factory.CreateBrowserlessClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("investigator@demo.local", "/jobs", HttpStatusCode.Forbidden)]
    [InlineData("manager@demo.local", "/jobs", HttpStatusCode.Forbidden)]
    [InlineData("compliance@demo.local", "/jobs", HttpStatusCode.Forbidden)]
    [InlineData("admin@demo.local", "/jobs", HttpStatusCode.OK)]
    [InlineData("investigator@demo.local", "/audit", HttpStatusCode.Forbidden)]
    [InlineData("manager@demo.local", "/audit", HttpStatusCode.Forbidden)]
    [InlineData("compliance@demo.local", "/audit", HttpStatusCode.OK)]
    [InlineData("admin@demo.local", "/audit", HttpStatusCode.OK)]
    [InlineData("compliance@demo.local", "/admin/users", HttpStatusCode.Forbidden)]
    [InlineData("admin@demo.local", "/admin/users", HttpStatusCode.OK)]
    [InlineData("investigator@demo.local", "/", HttpStatusCode.OK)]
    [InlineData("investigator@demo.local", "/queue", HttpStatusCode.OK)]
    [InlineData("manager@demo.local", "/queue", HttpStatusCode.OK)]
    [InlineData("admin@demo.local", "/queue", HttpStatusCode.OK)]
    [InlineData("compliance@demo.local", "/queue", HttpStatusCode.Forbidden)]
    [InlineData("compliance@demo.local", "/clusters/x", HttpStatusCode.Forbidden)]
    [InlineData("investigator@demo.local", "/clusters/x", HttpStatusCode.OK)]
    public async Task SignedInUser_RequestingPage_GetsWhatTheirRoleAllows(string email, string path, HttpStatusCode expected)
    {
        var client = await factory.SignInAsync(email);

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("investigator@demo.local", true)]
    [InlineData("compliance@demo.local", false)]
    public async Task Home_ShowsTriageDashboardOnlyToInvestigatingRoles(string email, bool expected)
    {
        var client = await factory.SignInAsync(email);

        var html = await client.GetStringAsync("/");

        Assert.Equal(expected, html.Contains("data-testid=\"dash-flagged\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_OpeningJobs_SeesHangfireDashboard()
    {
        var client = await factory.SignInAsync("admin@demo.local");

        var html = await client.GetStringAsync("/jobs");

        Assert.Contains("InvestigationConsole · jobs", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrowserOfWrongRole_RequestingPage_IsSentToAccessDeniedPage()
    {
        var client = await factory.SignInAsync("investigator@demo.local");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/audit");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var page = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Not available to your role", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPassword_OnLogin_ShowsErrorAndSetsNoCookie()
    {
        var client = factory.CreateBrowserlessClient();

        var response = await ConsoleWebFactory.PostLoginAsync(client, "manager@demo.local", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong e-mail or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignOut_WithAntiforgeryToken_EndsTheSession()
    {
        var client = await factory.SignInAsync("compliance@demo.local");
        var token = ConsoleWebFactory.AntiforgeryToken(await client.GetStringAsync("/Account/Login"));

        var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/audit")).StatusCode);
    }

    [Fact]
    public async Task ReturnUrl_PointingOffSite_IsIgnored()
    {
        var client = factory.CreateBrowserlessClient();
        var form = await client.GetStringAsync("/Account/Login");

        var response = await client.PostAsync("/Account/Login?ReturnUrl=%2F%2Fevil.example%2F", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = ConsoleWebFactory.AntiforgeryToken(form),
            ["Input.Email"] = "investigator@demo.local",
            ["Input.Password"] = ConsoleWebFactory.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal));
    }
}

using System.Net;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Investigation;

public sealed class InvestigationPageAuthorizationTests(ConsoleWebFactory factory) : IClassFixture<ConsoleWebFactory>
{
    [Theory]
    [InlineData("/search?q=acct_")]
    [InlineData("/accounts/acct_x")]
    public async Task Compliance_RequestingAnInvestigationPage_IsForbidden(string path)
    {
        var client = await factory.SignInAsync("compliance@demo.local");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("investigator@demo.local")]
    [InlineData("manager@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Investigators_RequestingAnUnknownAccount_GetThePageSayingSo(string email)
    {
        var client = await factory.SignInAsync(email);

        var response = await client.GetAsync("/accounts/acct_never_ingested");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No account with the id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_RequestingSearch_IsRedirectedToLogin()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/search?q=x");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

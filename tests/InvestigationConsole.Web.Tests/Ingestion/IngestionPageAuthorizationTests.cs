using System.Net;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Ingestion;

public sealed class IngestionPageAuthorizationTests(ConsoleWebFactory factory) : IClassFixture<ConsoleWebFactory>
{
    [Fact]
    public async Task Anonymous_RequestingIngestion_IsRedirectedToLogin()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/ingestion");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("investigator@demo.local")]
    [InlineData("manager@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task NonAdmin_RequestingIngestion_IsForbidden(string email)
    {
        var client = await factory.SignInAsync(email);

        var response = await client.GetAsync("/ingestion");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("Upload export files", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdminBrowser_RequestingIngestion_IsSentToAccessDeniedPage()
    {
        var client = await factory.SignInAsync("compliance@demo.local");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ingestion");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_RequestingIngestion_GetsThePageWithTheDropFolder()
    {
        var client = await factory.SignInAsync("admin@demo.local");

        var response = await client.GetAsync("/ingestion");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Upload export files", html, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(factory.DataFolder, "inbox"), html, StringComparison.Ordinal);
    }
}

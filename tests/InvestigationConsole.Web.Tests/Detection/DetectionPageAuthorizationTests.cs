using System.Net;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Detection;

public sealed class DetectionPageAuthorizationTests(ConsoleWebFactory factory) : IClassFixture<ConsoleWebFactory>
{
    [Theory]
    [InlineData("investigator@demo.local")]
    [InlineData("compliance@demo.local")]
    public async Task NonAdmin_RequestingDetectionSettings_IsForbidden(string email)
    {
        var client = await factory.SignInAsync(email);

        var response = await client.GetAsync("/admin/detection");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Admin_RequestingDetectionSettings_GetsThePage()
    {
        var client = await factory.SignInAsync("admin@demo.local");

        var response = await client.GetAsync("/admin/detection");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Recompute now", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

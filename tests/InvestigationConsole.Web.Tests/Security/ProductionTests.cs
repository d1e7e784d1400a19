using System.Net;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Security;

public sealed class ProductionTests
{
    [Fact]
    public async Task ProductionEnvironment_WithDemoSeedOn_SeedsNoDemoUsers()
    {
        await using var factory = new ConsoleWebFactory { Environment = "Production" };
        var client = factory.CreateBrowserlessClient();

        var response = await ConsoleWebFactory.PostLoginAsync(client, "admin@demo.local", ConsoleWebFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong e-mail or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Health;

public sealed class HealthEndpointTests(ConsoleWebFactory factory) : IClassFixture<ConsoleWebFactory>
{
    [Fact]
    public async Task Health_Anonymous_ReportsReachableDatabase()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_AfterStart_ReportsSchemaAndJobServer()
    {
        var client = factory.CreateBrowserlessClient();
        JsonDocument? json = null;

        // The job server's first heartbeat comes shortly after start.
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var response = await client.GetAsync("/health/ready");
            json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(250);
        }

        var checks = json!.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(["database", "jobs", "migrations"], checks.EnumerateObject().Select(p => p.Name).Order().ToArray());
    }
}

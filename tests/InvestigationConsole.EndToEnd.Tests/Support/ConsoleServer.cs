using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace InvestigationConsole.EndToEnd.Tests.Support;

/// <summary>The real web app on Kestrel (a free loopback port), over a fresh SQLite database with the demo users seeded.</summary>
internal sealed class ConsoleServer : WebApplicationFactory<Program>
{
    public ConsoleServer(string dataFolder)
    {
        DataFolder = dataFolder;
        UseKestrel(0);
    }

    public string DataFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Demo:Seed", "true");
        builder.UseSetting("Demo:Password", DemoUser.Password);
    }
}

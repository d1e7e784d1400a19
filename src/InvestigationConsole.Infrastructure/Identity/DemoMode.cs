using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace InvestigationConsole.Infrastructure.Identity;

/// <summary>Demo mode (Demo:Seed): demo users and the demo scenario are seeded. Never in Production.</summary>
public sealed class DemoMode(IConfiguration configuration, IHostEnvironment environment)
{
    public bool Requested => configuration.GetValue("Demo:Seed", false);

    public bool Enabled => Requested && !environment.IsProduction();
}

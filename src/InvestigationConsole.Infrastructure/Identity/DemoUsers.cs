using InvestigationConsole.Application.Users;
using InvestigationConsole.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace InvestigationConsole.Infrastructure.Identity;

/// <summary>One demo user per role, seeded only when Demo:Seed is true and never in Production.</summary>
public sealed class DemoUsers(UserAdministration administration, DemoMode mode, IConfiguration configuration, ILogger<DemoUsers> logger)
{
    public const string DefaultPassword = "Demo-pass-1";

    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@demo.local";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (mode.Requested && !mode.Enabled)
        {
            logger.LogWarning("Demo:Seed is ignored in the Production environment: no demo users are created.");
            return;
        }

        if (!mode.Enabled)
        {
            return;
        }

        var password = configuration["Demo:Password"] is { Length: > 0 } configured ? configured : DefaultPassword;
        var existing = (await administration.ListAsync(cancellationToken)).Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var role in Roles.All)
        {
            var email = EmailFor(role);
            if (existing.Contains(email))
            {
                continue;
            }

            var outcome = await administration.AddAsync(email, role, password, actor: "system:demo-seed", cancellationToken);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException($"Could not seed demo user {email}: {string.Join("; ", outcome.Errors)}");
            }

            logger.LogInformation("Seeded demo user {Email} ({Role})", email, role);
        }
    }
}

using System.Security.Claims;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Ingestion.Queries;
using InvestigationConsole.Domain;
using InvestigationConsole.Web.Security;
using InvestigationConsole.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace InvestigationConsole.Web.Tests.Ingestion;

/// <summary>
/// bUnit context for the Ingestion components: the real Administer policy, a signed-in user whose role a test chooses,
/// and the query services over an <see cref="IngestionDatabase"/>.
/// </summary>
public abstract class IngestionComponentContext : MudTestContext
{
    private readonly SwitchableAuthentication _authentication = new();

    protected IngestionComponentContext(IngestionDatabase database)
    {
        Database = database;
        // The real policy and authoriser (bUnit's placeholders refuse to answer): the components re-check it per action.
        Services.AddAuthorizationCore(Policies.Register);
        Services.AddTransient<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddTransient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<AuthenticationStateProvider>(_authentication);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(database.Services.GetRequiredService<IngestHistory>());
        Services.AddSingleton(database.Services.GetRequiredService<QuarantineReview>());
        Services.AddSingleton(database.Services.GetRequiredService<IngestFolders>());
        Services.AddSingleton(Board);
        Services.AddSingleton(database.CreateIntake());
        SignInAs(Roles.Admin);
    }

    protected IngestionDatabase Database { get; }

    protected IngestProgressBoard Board { get; } = new();

    protected void SignInAs(string? role) => _authentication.User = new ClaimsPrincipal(new ClaimsIdentity(
        role is null ? [new Claim(ClaimTypes.Name, "someone@test.local")] : [new Claim(ClaimTypes.Name, $"{role.ToLowerInvariant()}@test.local"), new Claim(ClaimTypes.Role, role)],
        "test"));

    private sealed class SwitchableAuthentication : AuthenticationStateProvider
    {
        public ClaimsPrincipal User { get; set; } = new();

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
    }
}

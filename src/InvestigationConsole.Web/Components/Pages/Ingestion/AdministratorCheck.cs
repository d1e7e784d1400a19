using System.Security.Claims;
using InvestigationConsole.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace InvestigationConsole.Web.Components.Pages.Ingestion;

/// <summary>
/// Checks the Administer policy at the moment of an action, not only when the page opened: a circuit outlives the
/// request that authorised it, and the user's roles or lock-out may have changed since.
/// </summary>
public static class AdministratorCheck
{
    /// <summary>The signed-in Admin, or null when the current user may not administer.</summary>
    public static async Task<ClaimsPrincipal?> CurrentAdministratorAsync(this IAuthorizationService authorization, AuthenticationStateProvider authentication)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded ? user : null;
    }

    public const string Refusal = "Only Admins may do this; your session no longer has the Admin role.";
}

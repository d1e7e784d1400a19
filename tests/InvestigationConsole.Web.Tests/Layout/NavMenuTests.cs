using System.Security.Claims;
using Bunit;
using InvestigationConsole.Domain;
using InvestigationConsole.Web.Components.Layout;
using InvestigationConsole.Web.Navigation;
using InvestigationConsole.Web.Security;
using InvestigationConsole.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace InvestigationConsole.Web.Tests.Layout;

public sealed class NavMenuTests : MudTestContext
{
    public NavMenuTests()
    {
        // The real policies, not a fake authorizer: the menu must agree with what the pages enforce.
        Services.AddAuthorizationCore(Policies.Register);
        Services.AddTransient<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddTransient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<NavigationCatalog>();
    }

    [Theory]
    [InlineData(Roles.Investigator, new[] { "nav-", "nav-queue" })]
    [InlineData(Roles.Manager, new[] { "nav-", "nav-queue" })]
    [InlineData(Roles.Compliance, new[] { "nav-", "nav-audit" })]
    [InlineData(Roles.Admin, new[] { "nav-", "nav-queue", "nav-audit", "nav-admin-users", "nav-ingestion", "nav-admin-detection", "nav-jobs" })]
    public void NavMenu_ForRole_ShowsOnlyPermittedEntries(string role, string[] expected)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u@x"), new Claim(ClaimTypes.Role, role)], "test"));

        var menu = Render<NavMenu>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))));

        var shown = menu.FindAll("[data-testid^=nav-]").Select(e => e.GetAttribute("data-testid") ?? "").ToArray();
        Assert.Equal(expected, shown);
    }

    [Fact]
    public void NavMenu_UserWithoutRole_ShowsOnlyHome()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u@x")], "test"));

        var menu = Render<NavMenu>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))));

        Assert.Equal(new[] { "nav-" }, menu.FindAll("[data-testid^=nav-]").Select(e => e.GetAttribute("data-testid") ?? "").ToArray());
    }
}

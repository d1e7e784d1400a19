using InvestigationConsole.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace InvestigationConsole.Web.Navigation;

/// <summary>A destination in the console; shown to a user only when its policy admits them.</summary>
public sealed record NavigationEntry(string Title, string Href, string Icon, string Section, string Description, string? Policy, bool External = false);

/// <summary>
/// The one list of places in the console. The navigation drawer and the home page both read it, and each entry's
/// policy is the same one that guards the page itself, so nobody is shown a link that would be refused.
/// </summary>
public sealed class NavigationCatalog(IAuthorizationService authorization)
{
    public static IReadOnlyList<NavigationEntry> Entries { get; } =
    [
        new("Home", "/", Icons.Material.Filled.Dashboard, "Overview", "Your starting point.", null),
        new("Triage queue", "/queue", Icons.Material.Filled.Inbox, "Investigation", "Flagged accounts by risk and due time: claim, review, dismiss.", Policies.Investigate),
        new("Audit log", "/audit", Icons.Material.Filled.History, "Compliance", "Every audited action: who did what, when.", Policies.ReviewAudit),
        new("Users", "/admin/users", Icons.Material.Filled.People, "Administration", "Console users, their roles and lock-outs.", Policies.Administer),
        new("Ingestion", "/ingestion", Icons.Material.Filled.CloudUpload, "Administration", "Upload gateway exports, follow ingest jobs, inspect rejected lines.", Policies.Administer),
        new("Detection", "/admin/detection", Icons.Material.Filled.Insights, "Administration", "Detection settings with backtest, recompute runs and their progress.", Policies.Administer),
        new("Background jobs", "/jobs", Icons.Material.Filled.Schedule, "Administration", "Hangfire dashboard: queues, running and failed jobs.", Policies.Administer, External: true),
    ];

    public async Task<IReadOnlyList<NavigationEntry>> VisibleToAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        var visible = new List<NavigationEntry>();
        foreach (var entry in Entries)
        {
            if (entry.Policy is null || (await authorization.AuthorizeAsync(user, entry.Policy)).Succeeded)
            {
                visible.Add(entry);
            }
        }

        return visible;
    }

    public static NavLinkMatch MatchFor(NavigationEntry entry) => entry.Href == "/" ? NavLinkMatch.All : NavLinkMatch.Prefix;
}

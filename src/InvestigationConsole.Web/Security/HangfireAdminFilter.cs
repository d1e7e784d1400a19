using Hangfire.Dashboard;
using InvestigationConsole.Domain;

namespace InvestigationConsole.Web.Security;

/// <summary>Second lock on the dashboard, behind the endpoint's Admin policy.</summary>
internal sealed class HangfireAdminFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}

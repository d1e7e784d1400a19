using InvestigationConsole.Domain;
using Microsoft.AspNetCore.Authorization;

namespace InvestigationConsole.Web.Security;

/// <summary>Who may use what. Pages, endpoints, job triggers and exports name one of these policies.</summary>
public static class Policies
{
    /// <summary>Reading the audit trail: Compliance and Admin.</summary>
    public const string ReviewAudit = nameof(ReviewAudit);

    /// <summary>Triage and investigation: the queue, account and cluster pages, search. Investigators, Managers and Admins.</summary>
    public const string Investigate = nameof(Investigate);

    /// <summary>Users, ingestion, jobs and settings: Admin only.</summary>
    public const string Administer = nameof(Administer);

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(ReviewAudit, p => p.RequireRole(Roles.Compliance, Roles.Admin));
        options.AddPolicy(Investigate, p => p.RequireRole(Roles.Investigator, Roles.Manager, Roles.Admin));
        options.AddPolicy(Administer, p => p.RequireRole(Roles.Admin));
    }
}

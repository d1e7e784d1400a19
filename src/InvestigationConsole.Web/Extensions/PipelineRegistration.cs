using Hangfire;
using InvestigationConsole.Infrastructure.Identity;
using InvestigationConsole.Web.Components;
using InvestigationConsole.Web.Health;
using InvestigationConsole.Web.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;

namespace InvestigationConsole.Web.Extensions;

public static class PipelineRegistration
{
    public static WebApplication UseConsolePipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>/health: the database answers. /health/ready: schema current and a job server running.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("live"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        app.MapPost("/Account/Logout", async (SignInManager<ApplicationUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/Account/Login");
        });
        return app;
    }

    /// <summary>The Hangfire dashboard, for Admins only: the endpoint policy and the dashboard's own filter both check.</summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [new HangfireAdminFilter()],
            AsyncAuthorization = [],
            DashboardTitle = "InvestigationConsole · jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.Administer);
        return app;
    }

    public static WebApplication MapConsolePages(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        return app;
    }
}

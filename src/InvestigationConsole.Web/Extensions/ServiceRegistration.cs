using Hangfire;
using InvestigationConsole.Infrastructure.Identity;
using InvestigationConsole.Infrastructure.Jobs;
using InvestigationConsole.Web.Components.Pages.Ingestion;
using InvestigationConsole.Web.Health;
using InvestigationConsole.Web.Navigation;
using InvestigationConsole.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;

namespace InvestigationConsole.Web.Extensions;

public static class ServiceRegistration
{
    /// <summary>Cookie sign-in on top of the identity stores, role policies, and a fallback that requires sign-in.</summary>
    public static WebApplicationBuilder AddConsoleAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "InvestigationConsole.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                // Machine endpoints answer 403; people get a page that says why.
                if (!IsPageRequest(context.Request))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }

                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddAuthorization(Policies.Register);
        return builder;
    }

    public static WebApplicationBuilder AddConsoleUserInterface(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.PreventDuplicates = true;
            config.SnackbarConfiguration.ShowCloseIcon = true;
        });
        builder.Services.AddSingleton<NavigationCatalog>();
        builder.Services.AddSingleton<UploadIntake>();
        builder.Services.AddHostedService<FigureWarmupService>();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>The Hangfire server runs inside the web app; its storage was chosen by the database provider.</summary>
    public static WebApplicationBuilder AddBackgroundJobServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddHangfireServer(options =>
        {
            options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            options.Queues = JobQueues.All;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddHostedService<RecurringJobsRegistration>();
        builder.Services.AddHostedService<WorkRecoveryService>();
        builder.Services.AddHostedService<DetectionWarmupService>();
        builder.Services.AddHealthChecks().AddCheck<JobServerHealthCheck>("jobs", tags: ["ready"]);
        return builder;
    }

    private static bool IsPageRequest(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}

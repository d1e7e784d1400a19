using InvestigationConsole.Application;
using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Triage;
using InvestigationConsole.Application.Users;
using InvestigationConsole.Infrastructure.Audit;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Infrastructure.Data.Ingestion;
using InvestigationConsole.Infrastructure.Data.Scoring;
using InvestigationConsole.Infrastructure.Identity;
using InvestigationConsole.Infrastructure.Jobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InvestigationConsole.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database, identity stores, audit log and job storage: everything the web app and the CLI share.</summary>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var settings = DatabaseSettings.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        DatabaseFolder.EnsureExists(settings);

        var services = builder.Services;
        services.AddLogging();
        // Keys live beside the database so sign-in cookies survive a restart and the CLI can use token providers.
        services.AddDataProtection()
            .SetApplicationName("InvestigationConsole")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataFolder, "keys")));
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddApplication();

        services.AddDbContextFactory<InvestigationConsoleDbContext>(options => options.Configure(settings.Provider, settings.ConnectionString));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<InvestigationConsoleDbContext>>().CreateDbContext());
        services.AddSingleton<IConsoleDbContextFactory, ConsoleDbContextFactory>();

        services.AddIdentityCore<ApplicationUser>(IdentityPolicies.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<InvestigationConsoleDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddScoped<IUserDirectory, IdentityUserDirectory>();
        services.AddScoped<IAuditLog, DatabaseAuditLog>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DemoUsers>();
        services.AddSingleton<DemoMode>();
        services.AddIngestion(builder.Configuration, settings);
        services.AddOptions<TriageOptions>().Bind(builder.Configuration.GetSection(TriageOptions.Section))
            .Validate(options => !options.Validate().Any(), "Invalid Triage settings: see TriageOptions.Validate.").ValidateOnStart();
        services.AddDetection(settings);

        services.AddBackgroundJobStorage(settings);
        services.AddHealthChecks()
            .AddDbContextCheck<InvestigationConsoleDbContext>("database", tags: ["live", "ready"])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: ["ready"]);
        return builder;
    }

    /// <summary>Migrates (where this provider migrates at start), ensures roles and seeds demo users when enabled.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<DemoUsers>().SeedAsync(cancellationToken);
    }
}

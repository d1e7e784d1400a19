using System.Reflection;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace InvestigationConsole.Cli;

/// <summary>
/// The same services and settings as the web app, without a web server. Run from a source checkout, the CLI reads
/// the web app's appsettings and data folder, so both work on one database; elsewhere set the same environment
/// variables for both (ConnectionStrings__InvestigationConsole, Database__Provider, Storage__DataFolder).
/// </summary>
internal static class CliHost
{
    public static async Task<IHost> StartAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = ContentRoot(),
            Args = [],
        });
        builder.Logging.ClearProviders();
        // Diagnostics go to stderr, warnings and worse only: stdout is the command's output (ingest --json is parsed by scripts).
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(typeof(IngestionRunner).FullName, LogLevel.None); // ingest prints each file's outcome itself
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.AddInfrastructure();
        var host = builder.Build();
        await host.Services.InitializeDatabaseAsync(cancellationToken);
        return host;
    }

    public static async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        using var host = await StartAsync(cancellationToken);
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider, cancellationToken);
    }

    private static string ContentRoot()
    {
        var webRoot = typeof(CliHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "WebContentRoot")?.Value;
        return webRoot is not null && File.Exists(Path.Combine(webRoot, "appsettings.json")) ? webRoot : AppContext.BaseDirectory;
    }
}

using InvestigationConsole.Application.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InvestigationConsole.Infrastructure.Jobs;

/// <summary>Runs every <see cref="IRecoverableWork"/> once when the app starts.</summary>
public sealed class WorkRecoveryService(IServiceScopeFactory scopes, ILogger<WorkRecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var work in scope.ServiceProvider.GetServices<IRecoverableWork>())
        {
            try
            {
                var count = await work.RecoverAsync(stoppingToken);
                if (count > 0)
                {
                    logger.LogInformation("Re-enqueued {Count} unfinished item(s) of {Work}", count, work.Name);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not recover unfinished {Work}", work.Name);
            }
        }
    }
}

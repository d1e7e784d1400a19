using InvestigationConsole.Application.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InvestigationConsole.Infrastructure.Jobs;

/// <summary>
/// Once, when the web app starts: fills the process's memory of the last detection run (ADR-007) with a warm-up run
/// (<see cref="DetectionRecompute.WarmUpAsync"/>), so the incremental run after the next ingest is as fast as any later
/// one instead of paying for the start. Not a Hangfire job on purpose: the memory belongs to this process, and a job
/// could run on another server.
/// </summary>
public sealed class DetectionWarmupService(IServiceScopeFactory scopes, IOptions<DetectionRunOptions> options, ILogger<DetectionWarmupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUpOnStart || !options.Value.KeepAnalysesInMemory)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<DetectionRecompute>().WarmUpAsync(stoppingToken) is { } run)
            {
                logger.LogInformation("Detection memory warmed up by run {Run} in {Seconds:0.0} s", run.RunId, run.Duration.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping: the run was left queued and is recovered on the next start.
        }
        catch (Exception ex)
        {
            // Only a lost shortcut: the next run reads what it needs from the store.
            logger.LogWarning(ex, "The detection warm-up run failed; the next run starts without the memory of the last one");
        }
    }
}

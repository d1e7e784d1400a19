using InvestigationConsole.Application.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InvestigationConsole.Infrastructure.Jobs;

/// <summary>
/// Keeps the page figures of the web process warm: checks the data version every <see cref="Interval"/> and, when a
/// run or an ingested file moved it, prepares the figures the first pages will ask for. Not a Hangfire job on purpose:
/// the cache it fills belongs to this process, and a job could run on another server.
/// </summary>
public sealed class FigureWarmupService(FigureWarmer warmer, TimeProvider clock, ILogger<FigureWarmupService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            do
            {
                try
                {
                    if (await warmer.WarmIfChangedAsync(stoppingToken) is { } warmed)
                    {
                        logger.LogInformation(
                            "Prepared the dashboard, queue and {Clusters} cluster pages for data version {Version} in {Seconds:0.0} s",
                            warmed.Clusters, warmed.Version, warmed.Elapsed.TotalSeconds);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not prepare the page figures; pages read them on first use");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }
}

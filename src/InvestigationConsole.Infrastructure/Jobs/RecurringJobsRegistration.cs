using Hangfire;
using InvestigationConsole.Infrastructure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace InvestigationConsole.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs on every start (in-memory storage forgets them), and the demo seed when enabled.</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurring, IBackgroundJobClient jobs, DemoMode demo, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<IngestionJobs>("drop-folder-scan", j => j.ScanDropFolderAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<IngestionJobs>("evidence-retention", j => j.DeleteExpiredEvidenceAsync(CancellationToken.None), Cron.Daily(3));
        recurring.AddOrUpdate<DetectionJobs>("detection-full-recompute", j => j.RequestFullAsync(CancellationToken.None),
            configuration["Detection:FullRecomputeCron"] is { Length: > 0 } cron ? cron : Cron.Hourly());
        if (demo.Enabled)
        {
            jobs.Enqueue<IngestionJobs>(j => j.SeedDemoScenarioAsync(CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

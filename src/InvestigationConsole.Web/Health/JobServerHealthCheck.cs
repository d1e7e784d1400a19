using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InvestigationConsole.Web.Health;

/// <summary>Ready only when a background job server is heart-beating.</summary>
internal sealed class JobServerHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var servers = storage.GetMonitoringApi().Servers();
        return Task.FromResult(servers.Count > 0
            ? HealthCheckResult.Healthy($"{servers.Count} job server(s), {servers.Sum(s => s.WorkersCount)} worker(s)")
            : HealthCheckResult.Unhealthy("no background job server is running"));
    }
}

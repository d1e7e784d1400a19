using InvestigationConsole.Application.Jobs;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Risk;

namespace InvestigationConsole.Application.Tests.Scoring;

public sealed class DetectionSchedulerTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Request_WhileACoveringRunIsQueued_ReusesIt()
    {
        var (first, second, third) = await _host.InScopeAsync(async s =>
        {
            var scheduler = s.GetRequiredService<DetectionScheduler>();
            var full = await scheduler.RequestAsync(DetectionRunKind.Full, "admin:a@test");
            var incremental = await scheduler.RequestAsync(DetectionRunKind.Incremental, "ingest");
            var again = await scheduler.RequestAsync(DetectionRunKind.Full, "schedule");
            return (full, incremental, again);
        });

        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }

    [Fact]
    public async Task Recovery_AfterRestart_ReenqueuesQueuedRuns()
    {
        await _host.InScopeAsync(s => s.GetRequiredService<DetectionScheduler>().RequestAsync(DetectionRunKind.Incremental, "ingest"));

        var recovered = await _host.InScopeAsync(s => s.GetServices<IRecoverableWork>().OfType<DetectionRecovery>().Single().RecoverAsync(default));

        Assert.Equal(1, recovered);
    }
}

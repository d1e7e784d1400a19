using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Web.Tests.Detection;

/// <summary>The web app fills its detection memory when it starts on a database that has been scored (ADR-007).</summary>
public sealed class DetectionWarmupTests
{
    [Fact]
    public async Task Restart_OnAScoredDatabase_MakesOneWarmUpRunUnlessTurnedOff()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ic-web-tests", Guid.NewGuid().ToString("n"));

        // First start: an empty database has no completed run, so nothing to warm up; a full run scores it.
        await using (var first = new ConsoleWebFactory { Environment = "Production", DataFolder = folder, KeepDataFolder = true })
        {
            first.CreateBrowserlessClient();
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Empty(await TriggersAsync(first));
            await using var scope = first.Services.CreateAsyncScope();
            var full = await scope.ServiceProvider.GetRequiredService<DetectionRecompute>().RunAsync(DetectionRunKind.Full, "test", null, default);
            Assert.Equal(DetectionRunStatus.Completed, full.Status);
        }

        // Turned off: a restart makes no run.
        await using (var off = new ConsoleWebFactory
                     {
                         Environment = "Production", DataFolder = folder, KeepDataFolder = true,
                         Settings = new Dictionary<string, string> { ["DetectionRuns:WarmUpOnStart"] = "false" },
                     })
        {
            off.CreateBrowserlessClient();
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(["test"], await TriggersAsync(off));
        }

        // On (the default): one incremental warm-up run, completed, beside the full run.
        await using var restarted = new ConsoleWebFactory { Environment = "Production", DataFolder = folder };
        restarted.CreateBrowserlessClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await RunsAsync(restarted, DetectionRecompute.WarmUpTrigger) is not [{ Status: DetectionRunStatus.Completed }] && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var warmUp = Assert.Single(await RunsAsync(restarted, DetectionRecompute.WarmUpTrigger));
        Assert.Equal((DetectionRunKind.Incremental, DetectionRunStatus.Completed, 0), (warmUp.Kind, warmUp.Status, warmUp.AccountsAnalysed));
        Assert.Equal(["test", DetectionRecompute.WarmUpTrigger], await TriggersAsync(restarted));
    }

    private static async Task<List<string>> TriggersAsync(ConsoleWebFactory factory) =>
        (await RunsAsync(factory, trigger: null)).Select(r => r.Trigger).ToList();

    private static async Task<List<DetectionRun>> RunsAsync(ConsoleWebFactory factory, string? trigger)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationConsoleDbContext>();
        return await db.DetectionRuns.AsNoTracking().Where(r => trigger == null || r.Trigger == trigger).OrderBy(r => r.Id).ToListAsync();
    }
}

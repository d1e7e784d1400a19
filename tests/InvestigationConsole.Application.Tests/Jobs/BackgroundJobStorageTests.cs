using Hangfire;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Application.Tests.Jobs;

/// <summary>
/// Hosts in one process (the web tests start several side by side) each keep the job storage their own registration
/// made. Hangfire's default hands a host the static JobStorage.Current, which the host configured last overwrites and
/// disposes when it stops; a test host's jobs dashboard answered 500 because of it.
/// </summary>
public sealed class BackgroundJobStorageTests
{
    private static readonly DatabaseSettings Embedded = new(DatabaseProvider.Sqlite, "Data Source=unused.db", Path.GetTempPath(), MigrateOnStartup: false);

    [Fact]
    public void EachHost_KeepsItsOwnStorage_WhenAnotherIsConfiguredAfterItAndStops()
    {
        using var first = Host();
        var second = Host();
        _ = first.GetRequiredService<IGlobalConfiguration>();
        _ = second.GetRequiredService<IGlobalConfiguration>();

        var firstStorage = first.GetRequiredService<JobStorage>();
        var secondStorage = second.GetRequiredService<JobStorage>();
        second.Dispose();

        Assert.NotSame(firstStorage, secondStorage);
        var statistics = firstStorage.GetMonitoringApi().GetStatistics();
        Assert.Equal(0, statistics.Enqueued);
    }

    /// <summary>A host's job services with its own logging, as in the app: Hangfire logs through the host configured last.</summary>
    private static ServiceProvider Host() =>
        new ServiceCollection().AddLogging().AddBackgroundJobStorage(Embedded).BuildServiceProvider();
}

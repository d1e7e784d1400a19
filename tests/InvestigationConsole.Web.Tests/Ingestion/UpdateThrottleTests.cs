using InvestigationConsole.Web.Components.Pages.Ingestion;

namespace InvestigationConsole.Web.Tests.Ingestion;

public sealed class UpdateThrottleTests
{
    [Fact]
    public async Task Request_Burst_RunsOnceAtOnceAndOnceAfterTheInterval()
    {
        var runs = 0;
        using var throttle = new UpdateThrottle(TimeSpan.FromMilliseconds(200), TimeProvider.System, () =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });

        for (var i = 0; i < 1_000; i++)
        {
            throttle.Request();
        }

        Assert.Equal(1, Volatile.Read(ref runs));
        await WaitUntilAsync(() => Volatile.Read(ref runs) == 2);
        await Task.Delay(400);
        Assert.Equal(2, Volatile.Read(ref runs));
    }

    [Fact]
    public async Task Request_AfterDispose_DoesNotRun()
    {
        var runs = 0;
        var throttle = new UpdateThrottle(TimeSpan.FromMilliseconds(100), TimeProvider.System, () =>
        {
            Interlocked.Increment(ref runs);
            return Task.CompletedTask;
        });
        throttle.Request();
        throttle.Request();

        throttle.Dispose();
        throttle.Request();
        await Task.Delay(300);

        Assert.Equal(1, Volatile.Read(ref runs));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

namespace InvestigationConsole.Web.Components.Pages.Ingestion;

/// <summary>
/// Runs an update at most once per interval however often it is requested, and always once after the last request,
/// so a burst of progress events costs a few renders over the circuit and the final state is still shown.
/// </summary>
public sealed class UpdateThrottle(TimeSpan interval, TimeProvider clock, Func<Task> update) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private int _scheduled;
    private long _lastRun;

    public void Request()
    {
        if (_stop.IsCancellationRequested || Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            var wait = interval - clock.GetElapsedTime(Interlocked.Read(ref _lastRun));
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, _stop.Token);
            }

            // Cleared before the update runs, so a request that arrives during it schedules one more.
            Volatile.Write(ref _scheduled, 0);
            Interlocked.Exchange(ref _lastRun, clock.GetTimestamp());
            await update();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The component went away.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}

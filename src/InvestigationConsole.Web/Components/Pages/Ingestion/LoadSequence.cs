namespace InvestigationConsole.Web.Components.Pages.Ingestion;

/// <summary>
/// Runs a table's server loads one after another, in the order they were asked for. MudTable keeps whichever answer
/// arrives last, so a slow unfiltered load finishing after a fast filtered one would otherwise show the wrong rows;
/// and it does not catch a cancelled load, so loads here are never cancelled midway. Used on the circuit's thread only.
/// </summary>
public sealed class LoadSequence
{
    private Task _previous = Task.CompletedTask;

    public Task<T> RunAsync<T>(Func<Task<T>> load)
    {
        var run = RunAfterAsync(_previous, load);
        _previous = run;
        return run;
    }

    private static async Task<T> RunAfterAsync<T>(Task previous, Func<Task<T>> load)
    {
        // An earlier load's failure belongs to its own caller.
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await load();
    }
}

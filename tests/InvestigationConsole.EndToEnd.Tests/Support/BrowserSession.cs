using Microsoft.Playwright;

namespace InvestigationConsole.EndToEnd.Tests.Support;

/// <summary>One browser context (its own cookies and local storage) and its page: what one person at one browser sees.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}

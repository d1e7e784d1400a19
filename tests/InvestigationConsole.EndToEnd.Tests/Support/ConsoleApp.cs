using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Ingestion.Contract;
using InvestigationConsole.Application.Users;
using InvestigationConsole.Domain.Ingestion;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvestigationConsole.EndToEnd.Tests.Support;

/// <summary>
/// The app on a real port over a throw-away data folder, and Debian's Chromium driven by Playwright. Shared by every
/// end-to-end test; tests stay independent by opening their own <see cref="BrowserSession"/>.
/// </summary>
public sealed class ConsoleApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // Without the networking switches Chromium keeps calling home, which a closed network answers with refusals.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private ConsoleServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "ic-e2e", Guid.NewGuid().ToString("n"));

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => (_server ?? throw new InvalidOperationException("The app is not started.")).Services;

    /// <summary>artifacts/screenshots under the repository root; artifacts/ is git-ignored.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's browser with `apt-get install -y chromium`.");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        _server = new ConsoleServer(DataFolder);
        _server.StartServer();
        var addresses = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First());

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        // Expectations and actions return as soon as they hold; the ceilings only bound how long a real failure takes to
        // report. They are generous because CI runs this beside other work on two cores, where one circuit round trip
        // (opening a menu, say) has taken more than ten seconds.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A fresh browser context: no cookies, empty local storage, a desktop-sized window, light colour scheme.</summary>
    public async Task<BrowserSession> OpenSessionAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = ColorScheme.Light,
        });
        context.SetDefaultTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>Signs in through the login form and waits until the console it lands on is interactive.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = DemoUser.Password)
    {
        await SubmitLoginAsync(page, email, password);
        try
        {
            await WaitForAddressAsync(page, url => !IsLoginPage(url));
        }
        catch (TimeoutException)
        {
            var error = page.GetByTestId("login-error");
            var message = await error.CountAsync() > 0 ? await error.InnerTextAsync() : "no message shown";
            throw new InvalidOperationException($"{email} stayed on the login page: {message}");
        }

        await WaitForInteractivityAsync(page);
    }

    /// <summary>Fills and submits the login form, opening it first unless the browser was already sent there.</summary>
    public static async Task SubmitLoginAsync(IPage page, string email, string password)
    {
        if (!IsLoginPage(page.Url))
        {
            await page.GotoAsync("/Account/Login");
        }

        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    public static bool IsLoginPage(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path of a page address, as the address spells it (escaped).</summary>
    public static string PathOf(string url) => new Uri(url).AbsolutePath;

    /// <summary>
    /// Waits until the page's address satisfies <paramref name="matches"/>, then for the page to have loaded. Use it
    /// instead of Playwright's <c>WaitForURLAsync</c>, which reads the address once and then listens for the next
    /// navigation: a navigation whose event arrives between the two (events come in on another thread) is missed, and
    /// the wait runs into its timeout with the page already at the address it waits for. That is how the account
    /// journey failed in loaded full-suite runs. Reading the address until it matches leaves no such gap.
    /// </summary>
    public static async Task WaitForAddressAsync(IPage page, Func<string, bool> matches, float timeoutMs = 30_000)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!matches(page.Url))
        {
            if (waited.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"The page stayed at {page.Url} for {timeoutMs:0} ms; the address it waited for never came.");
            }

            await Task.Delay(50);
        }

        await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = timeoutMs });
    }

    /// <summary>
    /// Waits for the Blazor circuit. The console is prerendered, so its markup shows before the circuit is up and a
    /// click would be lost. Blazor marks an element whose reference a component holds with a <c>_bl_</c> attribute,
    /// and only once it renders interactively; the layout's theme toggle (a MudIconButton) is such an element.
    /// </summary>
    public static async Task WaitForInteractivityAsync(IPage page)
    {
        await Assertions.Expect(page.GetByTestId("theme-toggle")).ToBeVisibleAsync();
        // The circuit swaps the prerendered element for a fresh one, so the element is looked up on every poll.
        await page.WaitForFunctionAsync("""
            () => [...(document.querySelector('[data-testid="theme-toggle"]')?.attributes ?? [])]
                .some(attribute => attribute.name.startsWith('_bl_'))
            """);
    }

    /// <summary>A user of its own for a test that changes the user's state (a lock-out, say).</summary>
    public async Task<string> CreateUserAsync(string role, string password)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():n}@e2e.local";
        await using var scope = Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(email, role, password, actor: "e2e-tests");
        Assert.True(outcome.Succeeded, $"Could not create {email}: {string.Join("; ", outcome.Errors)}");
        return email;
    }

    /// <summary>
    /// Waits until every export file in the drop folder has been ingested (the demo scenario among them), so that a
    /// test reading ingest results sees lists that no longer move under its clicks.
    /// </summary>
    public async Task WaitForIngestIdleAsync(TimeSpan timeout)
    {
        var folders = Services.GetRequiredService<IngestFolders>();
        var contexts = Services.GetRequiredService<IConsoleDbContextFactory>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var waiting = Directory.Exists(folders.DropFolder)
                && Directory.EnumerateFiles(folders.DropFolder).Any(f => GatewayFileName.TryGetStream(Path.GetFileName(f), out _));
            await using (var db = contexts.Create())
            {
                waiting |= await db.IngestFiles.AnyAsync(f => f.Status == IngestStatus.Queued || f.Status == IngestStatus.Running);
            }

            if (!waiting)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Ingestion was still busy after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(500);
        }
    }

    public static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }

    private IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "InvestigationConsole.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No InvestigationConsole.sln above {AppContext.BaseDirectory}.");
    }
}

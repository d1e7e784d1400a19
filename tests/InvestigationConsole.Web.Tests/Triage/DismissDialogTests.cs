using Bunit;
using InvestigationConsole.Web.Components.Pages.Triage;
using InvestigationConsole.Web.Tests.Support;
using MudBlazor;

namespace InvestigationConsole.Web.Tests.Triage;

public sealed class DismissDialogTests : MudTestContext
{
    [Fact]
    public async Task Dismiss_ShortReason_StaysOpenWithError()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<DismissDialog>("Dismiss", new DialogParameters<DismissDialog> { { d => d.AccountIds, ["acct-1"] } }));

        provider.Find("textarea").Input("too short");
        provider.Find("[data-testid=dismiss-confirm]").Click();

        Assert.NotNull(provider.Find("[data-testid=dismiss-dialog]"));
        Assert.Contains("Say why these accounts are legitimate", provider.Markup);
        Assert.False(reference!.Result.IsCompleted);
    }

    [Fact]
    public async Task Dismiss_RealReason_ClosesWithTheTrimmedReason()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<DismissDialog>("Dismiss", new DialogParameters<DismissDialog> { { d => d.AccountIds, ["a", "b"] } }));

        Assert.Contains("2 accounts will leave the queue", provider.Markup);
        provider.Find("textarea").Input("  Verified university eval harness  ");
        provider.Find("[data-testid=dismiss-confirm]").Click();

        var result = await reference!.Result;
        Assert.False(result!.Canceled);
        Assert.Equal("Verified university eval harness", result.Data);
    }
}

using System.Security.Claims;
using Bunit;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Domain;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Infrastructure.Data;
using InvestigationConsole.Web.Components.Pages.Detection;
using InvestigationConsole.Web.Components.Pages.Ingestion;
using InvestigationConsole.Web.Security;
using InvestigationConsole.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace InvestigationConsole.Web.Tests.Detection;

public sealed class DetectionAdminTests : MudTestContext, IClassFixture<DetectionDatabase>
{
    private readonly DetectionDatabase _database;
    private readonly SwitchableAuthentication _authentication = new();

    public DetectionAdminTests(DetectionDatabase database)
    {
        _database = database;
        Services.AddAuthorizationCore(Policies.Register);
        Services.AddTransient<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddTransient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<AuthenticationStateProvider>(_authentication);
        Services.AddSingleton(database.Services.GetRequiredService<DetectionRunHistory>());
        Services.AddSingleton(database.Services.GetRequiredService<DetectionProgressBoard>());
        Services.AddTransient(_ => database.Scoped<DetectionSettingsCatalog>());
        Services.AddTransient(_ => database.Scoped<DetectionBacktest>());
        Services.AddTransient(_ => database.Scoped<DetectionScheduler>());
        Services.AddTransient(_ => database.Scoped<HoneypotCanaries>());
        SignInAs(Roles.Admin);
    }

    [Fact]
    public void SettingsDraft_FormValuesApplied_BuildsSettingsWithThem()
    {
        var draft = SettingsDraft.From(DetectionSettings.Default);
        draft.FlagThreshold = 42;
        draft.StrongLinkWeight = 0.8;
        draft.SignalMax["chainOfThought"] = 20;

        var built = draft.Build();

        Assert.True(built.IsValid, string.Join(" ", built.Errors));
        Assert.Equal((42.0, 0.8, 0.8, 20.0), (built.Settings!.Scoring.FlagThreshold, built.Settings.Linking.StrongLinkWeight,
            built.Settings.Clustering.StrongLinkWeight, built.Settings.Scoring.ChainOfThought.Max));
        Assert.Equal(DetectionSettings.Default.Scoring.RubricGrading, built.Settings.Scoring.RubricGrading);
    }

    [Fact]
    public void Editor_SignalMaxima_AreLabelledInWords()
    {
        var cut = Render<SettingsEditor>();

        var labels = cut.FindAll("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.Contains("chain of thought", labels);
        Assert.Contains("honeypot", labels);
        Assert.DoesNotContain("chainOfThought", labels);
    }

    [Fact]
    public void Editor_InvalidJson_ShowsTheErrorAndKeepsTheForm()
    {
        var cut = Render<SettingsEditor>();
        OpenJsonTab(cut);

        cut.Find("[data-testid=settings-json]").Input("""{ "scoring": { "flagThreshold": 250, "typoSetting": 1 } }""");
        cut.Find("[data-testid=use-json]").Click();

        var errors = cut.Find("[data-testid=json-errors]").TextContent;
        Assert.Contains("typoSetting", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Editor_JsonOutOfRange_NamesTheSetting()
    {
        var cut = Render<SettingsEditor>();
        OpenJsonTab(cut);

        cut.Find("[data-testid=settings-json]").Input("""{ "scoring": { "flagThreshold": 250 } }""");
        cut.Find("[data-testid=use-json]").Click();

        Assert.Contains("scoring.flagThreshold must be between 0 and 100", cut.Find("[data-testid=json-errors]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Editor_Backtest_ShowsCounts()
    {
        var cut = Render<SettingsEditor>();

        cut.WaitForElement("[data-testid=backtest]").Click();

        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=flagged-after]").TextContent));
    }

    [Fact]
    public async Task Editor_SaveWithNote_StoresAVersionAndAudits()
    {
        var cut = Render<SettingsEditor>();
        Assert.True(cut.WaitForElement("[data-testid=save]").HasAttribute("disabled"));

        cut.Find("[data-testid=save-note]").Input("raise the bar after review");
        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("version", cut.Find("[data-testid=active-version]").TextContent, StringComparison.Ordinal));
        await using var db = _database.Scoped<InvestigationConsoleDbContext>();
        Assert.Contains(await db.AuditEntries.Select(e => e.Action).ToListAsync(), a => a == AuditActions.ScoringSettingsChanged);
        Assert.Contains(await db.DetectionSettingsVersions.Select(v => v.Note).ToListAsync(), n => n == "raise the bar after review");
    }

    [Fact]
    public void Runs_AdminClicksRecompute_QueuesAFullRun()
    {
        var before = _database.Jobs.Runs.Count;
        var cut = Render<DetectionRunsPanel>();

        cut.Find("[data-testid=recompute-now]").Click();

        cut.WaitForAssertion(() => Assert.Equal(before + 1, _database.Jobs.Runs.Count));
        cut.WaitForAssertion(() => Assert.Contains("admin:admin@test.local", cut.Find("[data-testid=runs-table]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_UserNoLongerAdmin_RecomputeIsRefused()
    {
        var before = _database.Jobs.Runs.Count;
        var cut = Render<DetectionRunsPanel>();
        SignInAs(Roles.Compliance);

        cut.Find("[data-testid=recompute-now]").Click();

        Assert.Equal(before, _database.Jobs.Runs.Count);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == AdministratorCheck.Refusal);
    }

    [Fact]
    public async Task Canaries_AdminAddsOne_ListsItActiveAndAudits()
    {
        var cut = Render<HoneypotCanariesPanel>();

        cut.Find("[data-testid=canary-text]").Change("Velvet-Anchor-5521 grading key");
        cut.Find("[data-testid=canary-note]").Change("planted in the bait rubric repository");
        cut.Find("[data-testid=canary-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=canary-row]"), row =>
            row.TextContent.Contains("Velvet-Anchor-5521 grading key", StringComparison.Ordinal) && row.TextContent.Contains("active", StringComparison.Ordinal)));
        await using var db = _database.Scoped<InvestigationConsoleDbContext>();
        Assert.Contains(await db.AuditEntries.Select(e => e.Action).ToListAsync(), a => a == AuditActions.HoneypotCanaryAdded);
    }

    [Fact]
    public void Canaries_TooShort_ShowsTheReasonAndAddsNothing()
    {
        var cut = Render<HoneypotCanariesPanel>();
        var rows = cut.FindAll("[data-testid=canary-row]").Count;

        cut.Find("[data-testid=canary-text]").Change("abc");
        cut.Find("[data-testid=canary-note]").Change("somewhere");
        cut.Find("[data-testid=canary-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message?.Contains("at least 8 characters", StringComparison.Ordinal) == true));
        Assert.Equal(rows, cut.FindAll("[data-testid=canary-row]").Count);
    }

    private static void OpenJsonTab(IRenderedComponent<SettingsEditor> cut)
    {
        cut.WaitForElements(".mud-tab")[1].Click();
        cut.WaitForElement("[data-testid=settings-json]");
    }

    private void SignInAs(string role) => _authentication.User = new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, $"{role.ToLowerInvariant()}@test.local"), new Claim(ClaimTypes.Role, role)], "test"));

    private sealed class SwitchableAuthentication : AuthenticationStateProvider
    {
        public ClaimsPrincipal User { get; set; } = new();

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
    }
}

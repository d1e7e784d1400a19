using Bunit;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Triage;
using InvestigationConsole.Domain.Triage;
using InvestigationConsole.Web.Components.Pages.Triage;
using InvestigationConsole.Web.Tests.Detection;
using InvestigationConsole.Web.Tests.Support;

namespace InvestigationConsole.Web.Tests.Triage;

public sealed class AccountRiskCardTests : MudTestContext, IClassFixture<DetectionDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public AccountRiskCardTests(DetectionDatabase database)
    {
        Services.AddTransient(_ => database.Scoped<DetectionSettingsCatalog>());
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
    }

    [Fact]
    public void Caption_ScoreUnchangedByTheLatestRun_SaysWhenItLastChangedAndWhenTheLatestRunWas()
    {
        var card = Render<AccountRiskCard>(p => p.Add(c => c.AccountId, "acct-1").Add(c => c.Risk, Risk(changed: Now.AddHours(-3), checkedAt: Now.AddMinutes(-5))));

        Assert.Contains("score last changed 3 h ago; last run 5 min ago", card.Markup);
    }

    [Fact]
    public void Caption_ScoreChangedByTheLatestRun_SaysOnlyWhenItChanged()
    {
        var card = Render<AccountRiskCard>(p => p.Add(c => c.AccountId, "acct-1").Add(c => c.Risk, Risk(changed: Now.AddMinutes(-5), checkedAt: Now.AddMinutes(-5))));

        Assert.Contains("score last changed 5 min ago", card.Markup);
        Assert.DoesNotContain("last run", card.Markup);
    }

    private static AccountRiskView Risk(DateTimeOffset changed, DateTimeOffset checkedAt) => new(
        "acct-1", 12, 12, false, TriageSeverity.Medium, null, null, null, [], [], [],
        new ReviewState(null, null, null, null, null), changed, checkedAt);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

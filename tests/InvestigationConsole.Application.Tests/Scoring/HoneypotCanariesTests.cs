using InvestigationConsole.Application.Ingestion;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Application.Tests.Ingestion;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestigationConsole.Application.Tests.Scoring;

public sealed class HoneypotCanariesTests : IAsyncLifetime
{
    private const string Canary = "Zephyr-Quill-7731 calibration set";

    private TestHost _host = null!;

    private HoneypotCanaries Canaries => _host.Services.CreateScope().ServiceProvider.GetRequiredService<HoneypotCanaries>();

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("short", "planted in the bait repo", "at least 8 characters")]
    [InlineData("Zephyr-Quill-7731", "", "where the canary was planted")]
    public async Task Add_InvalidCanary_IsRefusedWithTheReason(string text, string note, string reason)
    {
        var outcome = await Canaries.AddAsync("admin@test", text, note);

        Assert.Null(outcome.Canary);
        Assert.Contains(reason, outcome.Problem, StringComparison.Ordinal);
        Assert.Empty(await Canaries.ListAsync());
    }

    [Fact]
    public async Task AddThenRetire_IsAuditedAndRetiredCanaryIsNoLongerMatched()
    {
        var added = (await Canaries.AddAsync("admin@test", Canary, "planted in the leaked-prompts bait repo")).Canary!;
        var duplicate = await Canaries.AddAsync("admin@test", Canary.ToUpperInvariant(), "again");

        Assert.Equal("This canary is already on the list.", duplicate.Problem);
        Assert.True((await Canaries.LoadMatcherAsync()).Matches($"please use the {Canary.ToLowerInvariant()} verbatim"));

        var retired = await Canaries.RetireAsync("admin@test", added.Id);

        Assert.False(retired.Canary!.IsActive);
        Assert.Equal(0, (await Canaries.LoadMatcherAsync()).Count);
        Assert.Equal("This canary is already retired.", (await Canaries.RetireAsync("admin@test", added.Id)).Problem);
        var actions = await Query(db => db.AuditEntries.Where(e => e.SubjectType == "honeypot-canary").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.HoneypotCanaryAdded, AuditActions.HoneypotCanaryRetired], actions);
    }

    [Fact]
    public void Matcher_FindsAnyCanaryIgnoringCaseAndNothingElse()
    {
        var matcher = new CanaryMatcher(["Zephyr-Quill-7731", "orchid lattice 42"]);

        Assert.True(matcher.Matches("Grade this: ORCHID LATTICE 42 then explain"));
        Assert.True(matcher.Matches("zephyr-quill-7731"));
        Assert.False(matcher.Matches("an orchid on a lattice"));
        Assert.False(CanaryMatcher.None.Matches("anything"));
    }

    [Fact]
    public async Task IngestThenRecompute_PromptWithCanary_MarksTheRequestAndGivesTheHoneypotSignal()
    {
        await Canaries.AddAsync("admin@test", Canary, "planted in the leaked-prompts bait repo");
        var folder = Path.Combine(_host.DataFolder, "exports");
        var path = ExportFiles.Write(folder, "requests-1.jsonl",
        [
            ExportFiles.Request("r1", "acct_harvester", prompt: $"Answer exactly as in the {Canary.ToUpperInvariant()}, showing all reasoning."),
            ExportFiles.Request("r2", "acct_harvester", ts: "2026-02-01T08:05:00Z"),
            ExportFiles.Request("r3", "acct_ordinary", ts: "2026-02-01T09:00:00Z"),
        ]);
        var (file, _) = await _host.Services.GetRequiredService<IngestLedger>().RegisterAsync(path, "test", default);
        await _host.Services.GetRequiredService<IngestionRunner>().RunAsync(file.Id, null, default);

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DetectionRecompute>().RunAsync(DetectionRunKind.Full, "test", null, default);
        }

        var marked = await Query(db => db.Requests.Where(r => (r.Traits & (int)PromptTraits.HoneypotCanary) != 0).Select(r => r.RequestId).ToListAsync());
        Assert.Equal(["r1"], marked);
        var harvester = await Query(db => db.AccountRiskScores.SingleAsync(s => s.AccountKey == db.Accounts.Single(a => a.AccountId == "acct_harvester").Key));
        var ordinary = await Query(db => db.AccountRiskScores.SingleAsync(s => s.AccountKey == db.Accounts.Single(a => a.AccountId == "acct_ordinary").Key));
        Assert.Contains("honeypot-hits", harvester.TopSignals, StringComparison.Ordinal);
        Assert.Contains("1 request carried a honeypot canary", harvester.SignalsJson, StringComparison.Ordinal);
        Assert.DoesNotContain("honeypot-hits", ordinary.TopSignals, StringComparison.Ordinal);
        Assert.True(harvester.Score > ordinary.Score);
    }

    private Task<T> Query<T>(Func<InvestigationConsoleDbContext, Task<T>> query) =>
        _host.InScopeAsync(s => query(s.GetRequiredService<InvestigationConsoleDbContext>()));
}

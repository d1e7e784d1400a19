using System.Globalization;
using System.Text.Json;

namespace InvestigationConsole.Application.Tests.Simulation;

public sealed class GroundTruthTests(SmallScenario scenario) : IClassFixture<SmallScenario>
{
    private const string Hydra = "lab-c-hydra-network";

    private static readonly string[] BenignKinds =
        ["ordinary_user", "individual_developer", "coding_agent_product", "enterprise", "eval_runner", "university_student", "power_user"];

    private JsonElement Truth => scenario.Truth;

    [Fact]
    public void Truth_NamesEveryBenignKindAndCampaign_WithTheirAccountsAndRequests()
    {
        var kinds = Truth.GetProperty("benign_kinds").EnumerateArray().ToDictionary(k => k.GetProperty("kind").GetString()!);
        Assert.Equal(BenignKinds.Order(), kinds.Keys.Order());
        var campaigns = Truth.GetProperty("campaigns").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        Assert.Equal(new[] { "agentic_harvest", "cot_harvest", "hydra_proxy" }, campaigns.Keys.Order());

        var labels = Truth.GetProperty("accounts").EnumerateObject().GroupBy(a => a.Value.GetProperty("label").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        foreach (var entry in kinds.Values.Concat(campaigns.Values))
        {
            var label = entry.TryGetProperty("id", out var id) ? id.GetString()! : entry.GetProperty("kind").GetString()!;
            Assert.Equal(labels[label], entry.GetProperty("accounts").GetInt32());
            Assert.Equal(scenario.Requests.Count(r => scenario.Label(r.AccountId) == label), entry.GetProperty("requests").GetInt64());
            Assert.True(entry.GetProperty("requests").GetInt64() > 500, $"{label} made too few requests to detect anything");
        }

        Assert.InRange(campaigns["hydra_proxy"].GetProperty("accounts").GetInt32(), 100, 400);
        Assert.Equal(scenario.Summary.Accounts, labels.Values.Sum());
    }

    [Fact]
    public void Requests_NameRegisteredAccounts_ExceptTheDocumentedLateSignUps()
    {
        var unregistered = Truth.GetProperty("unregistered_accounts").EnumerateArray().Select(a => a.GetProperty("account_id").GetString()!).ToHashSet();
        Assert.InRange(unregistered.Count, 3, 10);
        Assert.DoesNotContain(unregistered, scenario.Registry.ContainsKey);

        var unknown = scenario.Requests.Select(r => r.AccountId).Where(a => !scenario.Registry.ContainsKey(a)).ToHashSet();
        Assert.Subset(unregistered, unknown);
        Assert.NotEmpty(unknown);
    }

    [Fact]
    public void Registry_ReExportsChangedAccounts_AsLaterLines()
    {
        var lines = GeneratedScenario.Lines(Path.Combine(scenario.Folder, "accounts.jsonl")).Select(l => l.Text).ToList();
        var updates = Truth.GetProperty("registry_updates").EnumerateArray().Select(u => u.GetProperty("account_id").GetString()!).ToList();
        Assert.InRange(updates.Count, 3, 20);
        foreach (var account in updates)
        {
            var versions = lines.Where(l => l.Contains($"\"{account}\"", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, versions.Count);
            Assert.NotEqual(versions[0], versions[1]);
            Assert.Equal(versions[1], scenario.Registry[account].GetRawText());
        }
    }

    [Fact]
    public void HydraNetwork_MovesMostTrafficToTheNewModel_WithinADayOfItsRelease()
    {
        var release = Truth.GetProperty("model_releases")[0];
        var model = release.GetProperty("model").GetString()!;
        var releasedAt = DateTimeOffset.Parse(release.GetProperty("released_at").GetString()!, CultureInfo.InvariantCulture);

        Assert.DoesNotContain(scenario.Requests, r => r.Model == model && r.Ts < releasedAt);
        var hourlyShares = scenario.Requests
            .Where(r => scenario.Label(r.AccountId) == Hydra && r.Ts >= releasedAt && r.Ts < releasedAt.AddHours(24))
            .GroupBy(r => (int)(r.Ts - releasedAt).TotalHours)
            .ToDictionary(g => g.Key, g => g.Count(r => r.Model == model) / (double)g.Count());
        var pivotHour = hourlyShares.Where(h => h.Value >= 0.5).Select(h => h.Key).DefaultIfEmpty(-1).Min();
        Assert.InRange(pivotHour, 0, 23);
        Assert.All(hourlyShares.Where(h => h.Key > pivotHour + 2), h => Assert.True(h.Value >= 0.4, $"hour {h.Key}: {h.Value:P0}"));
    }

    [Fact]
    public void Enterprises_ShareOneOrgOneCardAndOneSlash24()
    {
        var organisations = scenario.Registry.Values
            .Where(a => scenario.Label(a.GetProperty("account_id").GetString()!) == "enterprise")
            .GroupBy(a => a.GetProperty("org_id").GetString()!)
            .ToList();
        Assert.True(organisations.Count >= 2);
        foreach (var organisation in organisations)
        {
            Assert.True(organisation.Count() >= 4);
            Assert.Single(organisation.Select(a => a.GetProperty("payment_fingerprint").GetString()).Distinct());
            var slash24 = organisation.Select(a => Slash24(a.GetProperty("signup_ip").GetString()!)).Distinct().Single();
            Assert.All(organisation, a => Assert.Equal("id_document", a.GetProperty("verification").GetString()));
            Assert.All(organisation, a => Assert.Equal("enterprise", a.GetProperty("tier").GetString()));

            var members = organisation.Select(a => a.GetProperty("account_id").GetString()!).ToHashSet();
            Assert.All(scenario.Requests.Where(r => members.Contains(r.AccountId)), r => Assert.Equal(slash24, Slash24(r.Ip)));
        }
    }

    [Fact]
    public void HydraNetwork_SharesCardsAndFiresInSynchronisedSeconds()
    {
        var hydra = scenario.Registry.Values.Where(a => scenario.Label(a.GetProperty("account_id").GetString()!) == Hydra).ToList();
        var largestCardGroup = hydra.Where(a => a.GetProperty("payment_fingerprint").ValueKind == JsonValueKind.String)
            .GroupBy(a => a.GetProperty("payment_fingerprint").GetString()).Max(g => g.Count());
        Assert.True(largestCardGroup >= 3);
        Assert.True(hydra.Count(a => a.GetProperty("tier").GetString() == "free") > hydra.Count / 2);

        var busySeconds = scenario.Requests.Where(r => scenario.Label(r.AccountId) == Hydra)
            .GroupBy(r => r.Ts.ToUnixTimeSeconds())
            .Count(g => g.Select(r => r.AccountId).Distinct().Count() >= 4);
        Assert.True(busySeconds > 50, $"only {busySeconds} seconds with four or more hydra accounts at once");
    }

    [Fact]
    public void AgenticHarvest_UsesAgedAccounts()
    {
        var firstUse = scenario.Requests.Where(r => scenario.Label(r.AccountId) == "lab-b-agentic-harvest")
            .GroupBy(r => r.AccountId).ToDictionary(g => g.Key, g => g.Min(r => r.Ts));
        Assert.NotEmpty(firstUse);
        Assert.All(firstUse, pair =>
        {
            var created = DateTimeOffset.Parse(scenario.Registry[pair.Key].GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
            Assert.True((pair.Value - created).TotalDays >= 90);
        });
    }

    [Fact]
    public void LookAlikes_ShowTheTraitsThatMakeThemHard()
    {
        var byLabel = scenario.Requests.ToLookup(r => scenario.Label(r.AccountId));
        Assert.All(byLabel["coding_agent_product"], r => Assert.True(r.ToolCount > 0 && r.Turns >= 1));
        Assert.True(byLabel["eval_runner"].Count(r => r.Prompt.Contains("step by step", StringComparison.OrdinalIgnoreCase)) > 100);
        var studentsPerIp = byLabel["university_student"].GroupBy(r => r.Ip).Max(g => g.Select(r => r.AccountId).Distinct().Count());
        Assert.True(studentsPerIp >= 5, $"at most {studentsPerIp} students share an address");
    }

    [Fact]
    public void CampaignPrompts_AreTemplated_UnlikeOrdinaryUsers()
    {
        static double DistinctOpenings(IEnumerable<RequestRow> rows)
        {
            var openings = rows.Select(r => string.Join(' ', r.Prompt.Split(' ').Take(6))).ToList();
            return openings.Distinct().Count() / (double)openings.Count;
        }

        var byLabel = scenario.Requests.ToLookup(r => scenario.Label(r.AccountId));
        var hydraAttack = byLabel[Hydra].Where(r => r.ToolCount > 0).ToList();
        Assert.True(DistinctOpenings(byLabel["lab-a-reasoning-harvest"]) < 0.1);
        Assert.True(DistinctOpenings(byLabel["ordinary_user"]) > 3 * DistinctOpenings(byLabel["lab-a-reasoning-harvest"]));
        Assert.NotEmpty(hydraAttack);
    }

    private static string Slash24(string ip) => ip[..ip.LastIndexOf('.')];
}

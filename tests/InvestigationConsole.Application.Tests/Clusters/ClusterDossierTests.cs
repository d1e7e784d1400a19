using InvestigationConsole.Application.Clusters;
using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Domain.Clusters;
using InvestigationConsole.Domain.Risk;
using InvestigationConsole.Domain.Traffic;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Clusters;

public sealed class ClusterDossierTests
{
    [Fact]
    public async Task Load_UnknownCluster_IsNull()
    {
        await using var host = await TestHost.StartAsync();

        var view = await host.InScopeAsync(s => s.GetRequiredService<ClusterDossier>().LoadAsync("nope"));

        Assert.Null(view);
    }

    [Fact]
    public async Task Load_Cluster_ShowsMembersLinksSharedAttributesAndTimeline()
    {
        await using var host = await TestHost.StartAsync();
        await SeedAsync(host, members: 12);

        var view = await host.InScopeAsync(s => s.GetRequiredService<ClusterDossier>().LoadAsync("c-1"));

        Assert.NotNull(view);
        Assert.True(view.Header.IsCampaign);
        Assert.Equal(["Payment ×11", "Template ×11"], view.Header.DominantLinkTypes);
        Assert.Equal(12, view.Members.Count);
        Assert.Equal("m-12", view.Members[0].AccountId);
        Assert.Equal(11, view.Links.Count);
        Assert.All(view.Links, l => Assert.Equal("Template", l.PrimaryType));
        Assert.Contains(view.SharedAttributes, a => a.Kind == "Payment fingerprint" && a.Value == "pm-shared" && a.Members == 12);
        Assert.Contains(view.SharedAttributes, a => a.Kind == "Template evidence" && a.Value == "family-7" && a.Members == 12);
        Assert.Contains(view.SharedAttributes, a => a.Kind == "Request /24" && a.Value == "203.0.113.0/24" && a.Members == 12);
        Assert.Equal(ClusterDossier.TimelineMembers + 1, view.Timeline.Series.Count);
        Assert.Equal("others", view.Timeline.Series[^1].Name);
        Assert.Equal(3, view.Timeline.Hours.Count);
        Assert.Equal(12 * 2 * 3, view.Timeline.Series.Sum(s => s.Requests.Sum()));
    }

    [Fact]
    public async Task Load_MoreMembersThanAreReadOneByOne_OthersStillCountEveryMember()
    {
        await using var host = await TestHost.StartAsync();
        await SeedAsync(host, members: 40);

        var view = await host.InScopeAsync(s => s.GetRequiredService<ClusterDossier>().LoadAsync("c-1"));

        Assert.NotNull(view);
        Assert.Equal(ClusterDossier.TimelineMembers + 1, view.Timeline.Series.Count);
        Assert.Equal("others", view.Timeline.Series[^1].Name);
        Assert.Equal(40 * 2 * 3, view.Timeline.Series.Sum(s => s.Requests.Sum()));
        Assert.All(view.Timeline.Series[^1].Requests, hour => Assert.Equal((40 - ClusterDossier.TimelineMembers) * 2, hour));
    }

    [Fact]
    public async Task Load_TrafficOlderThanTheTimelineWindow_KeepsTheLatestHoursAndSaysItIsCut()
    {
        await using var host = await TestHost.StartAsync();
        await SeedAsync(host, members: 12);
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            // Member 5 was busy long before the window, and used a second model in the last hour.
            db.ActivityHours.Add(new AccountActivityHour { AccountKey = 5, Hour = 500_002 - ClusterDossier.TimelineHourCap - 10, ModelId = 1, Requests = 70 });
            db.ActivityHours.Add(new AccountActivityHour { AccountKey = 5, Hour = 500_002, ModelId = 2, Requests = 9 });
            return await db.SaveChangesAsync();
        });

        var view = await host.InScopeAsync(s => s.GetRequiredService<ClusterDossier>().LoadAsync("c-1"));

        Assert.NotNull(view);
        Assert.True(view.Timeline.IsTruncated);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(500_002 * 3600L), view.Timeline.Hours[^1]);
        Assert.Equal(3, view.Timeline.Hours.Count);
        Assert.Equal((12 * 2 * 3) + 9, view.Timeline.Series.Sum(s => s.Requests.Sum()));
        Assert.Equal((12 * 2) + 9, view.Timeline.Series.Sum(s => s.Requests[^1]));
    }

    [Fact]
    public async Task ClaimAll_SomeHeld_ClaimsTheRestAndCountsSkipped()
    {
        await using var host = await TestHost.StartAsync();
        await SeedAsync(host, members: 4);
        await host.InScopeAsync(s => s.GetRequiredService<InvestigationConsole.Application.Triage.AccountClaims>().ClaimAsync("m-1", "ben@corp.example"));

        var result = await host.InScopeAsync(s => s.GetRequiredService<ClusterClaims>().ClaimAllAsync("c-1", "ana@corp.example"));

        Assert.Equal(new ClusterClaimResult(3, 1), result);
        var audited = await host.InScopeAsync(s => s.GetRequiredService<InvestigationConsoleDbContext>().AuditEntries.CountAsync(a => a.Action == AuditActions.AccountClaimed && a.Actor == "ana@corp.example"));
        Assert.Equal(3, audited);
    }

    [Fact]
    public async Task Load_ClaimedAfterTheClusterWasRead_ShowsTheClaimsAtOnce()
    {
        await using var host = await TestHost.StartAsync();
        await SeedAsync(host, members: 4);
        var before = await host.InScopeAsync(s => s.GetRequiredService<ClusterDossier>().LoadAsync("c-1"));
        Assert.All(before!.Members, m => Assert.Null(m.ClaimedBy));

        await host.InScopeAsync(s => s.GetRequiredService<ClusterClaims>().ClaimAllAsync("c-1", "ana@corp.example"));

        var after = await host.InScopeAsync(s => s.GetRequiredService<ClusterDossier>().LoadAsync("c-1"));
        Assert.All(after!.Members, m => Assert.Equal("ana@corp.example", m.ClaimedBy));
        Assert.Same(before.Timeline, after.Timeline);
    }

    [Fact]
    public void SharedNetworks_AddressesOfSeveralMembers_CountsEachMemberOncePerNetwork()
    {
        var addresses = new[]
        {
            (1, "198.51.100.7"), (1, "198.51.100.8"), (2, "198.51.100.200"), (3, "::ffff:198.51.100.9"),
            (1, "2001:db8:1:2::1"), (2, "2001:db8:1:ffff::9"), (3, "203.0.113.1"), (4, "not an address"),
        };

        var networks = ClusterDossier.SharedNetworks(addresses);

        Assert.Equal([("198.51.100.0/24", 3), ("2001:db8:1::/48", 2)], networks);
    }

    [Fact]
    public void ShapeTimeline_FillsGapsAndKeepsTheBusiestMembers()
    {
        var names = Enumerable.Range(1, 10).ToDictionary(k => k, k => $"m-{k}");
        var cells = Enumerable.Range(1, 10).Select(k => (k, 100 + (k % 2 * 3), k)).ToList();

        var timeline = ClusterDossier.ShapeTimeline(cells, names, false);

        Assert.Equal(4, timeline.Hours.Count);
        Assert.Equal("m-10", timeline.Series[0].Name);
        Assert.Equal(1 + 2, timeline.Series[^1].Requests.Sum());
        Assert.All(timeline.Series, s => Assert.Equal(4, s.Requests.Count));
    }

    private static async Task SeedAsync(TestHost host, int members)
    {
        await host.InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<InvestigationConsoleDbContext>();
            var now = DateTimeOffset.UtcNow;
            db.Clusters.Add(new Cluster { Id = "c-1", Risk = 0.9, Size = members, IsCampaign = true, DominantLinkTypes = "Payment ×11;Template ×11", SharedAttributesJson = "[\"payment pm-shared\"]", Description = "test" });
            for (var key = 1; key <= members; key++)
            {
                db.Accounts.Add(new Account { Key = key, AccountId = $"m-{key}", PaymentFingerprint = "pm-shared", SignupPrefix = "10.0.0.0/24", Tier = UsageTier.Free, RequestCount = key * 10, CreatedAt = now });
                db.AccountRiskScores.Add(new AccountRiskScore { AccountKey = key, Score = key / 100.0, Flagged = true, ClusterId = "c-1", TopSignals = "a;b", ComputedAt = now, RunId = 1 });
                db.ClusterMembers.Add(new ClusterMember { AccountKey = key, ClusterId = "c-1" });
                db.AccountAddresses.Add(new AccountAddress { AccountKey = key, Ip = $"203.0.113.{key}", IpPrefix = "203.0.113.0/24", Requests = 6, FirstSeenAt = now, LastSeenAt = now });
                db.AccountAddresses.Add(new AccountAddress { AccountKey = key, Ip = $"192.0.2.{key}", IpPrefix = "192.0.2.0/24", Requests = 1, FirstSeenAt = now, LastSeenAt = now });
                for (var hour = 0; hour < 3; hour++)
                {
                    db.ActivityHours.Add(new AccountActivityHour { AccountKey = key, Hour = 500_000 + hour, ModelId = 1, Requests = 2 });
                }

                if (key > 1)
                {
                    db.ClusterLinks.Add(new ClusterLink
                    {
                        AccountKey = 1, OtherAccountKey = key, Weight = 0.9, IsStrong = true,
                        EvidenceJson = "[{\"type\":\"Payment\",\"weight\":0.5,\"shared\":1,\"attribute\":null},{\"type\":\"Template\",\"weight\":0.8,\"shared\":3,\"attribute\":\"family-7\"}]",
                    });
                }
            }

            return await db.SaveChangesAsync();
        });
    }
}

using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Application.Users;

namespace InvestigationConsole.Application.Tests.Users;

public sealed class DemoUsersTests
{
    [Fact]
    public async Task Initialize_DemoSeedOn_CreatesOneUserPerRole()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "true" });

        var users = await host.InScopeAsync(s => s.GetRequiredService<UserAdministration>().ListAsync());

        Assert.Equal(
            ["admin@demo.local", "compliance@demo.local", "investigator@demo.local", "manager@demo.local"],
            users.Select(u => u.Email).Order().ToArray());
        Assert.All(users, u => Assert.Single(u.Roles));
    }

    [Fact]
    public async Task Initialize_DemoSeedOff_CreatesNoUsers()
    {
        await using var host = await TestHost.StartAsync(new Dictionary<string, string?> { ["Demo:Seed"] = "false" });

        Assert.Empty(await host.InScopeAsync(s => s.GetRequiredService<UserAdministration>().ListAsync()));
    }
}

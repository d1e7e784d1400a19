using InvestigationConsole.Application.Tests.Support;
using InvestigationConsole.Application.Users;
using InvestigationConsole.Domain.Audit;
using InvestigationConsole.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Tests.Users;

public sealed class UserAdministrationTests
{
    [Fact]
    public async Task Add_WithoutPassword_GeneratesOneThatSignsIn()
    {
        await using var host = await TestHost.StartAsync();

        var outcome = await host.InScopeAsync(s => s.GetRequiredService<UserAdministration>().AddAsync("first.admin@corp.example", "admin", null, "test"));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal("Admin", outcome.Role);
        Assert.NotNull(outcome.GeneratedPassword);
        var valid = await host.InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Infrastructure.Identity.ApplicationUser>>();
            var user = await users.FindByEmailAsync("first.admin@corp.example");
            return await users.CheckPasswordAsync(user!, outcome.GeneratedPassword!);
        });
        Assert.True(valid);
    }

    [Fact]
    public async Task Add_NewUser_IsListedWithRoleAndAudited()
    {
        await using var host = await TestHost.StartAsync();

        await host.InScopeAsync(s => s.GetRequiredService<UserAdministration>().AddAsync("ana@corp.example", "Investigator", "Str0ng-pass!", "cli:root"));

        var users = await host.InScopeAsync(s => s.GetRequiredService<UserAdministration>().ListAsync());
        var user = Assert.Single(users, u => u.Email == "ana@corp.example");
        Assert.Equal(["Investigator"], user.Roles);
        Assert.False(user.LockedOut);
        var audit = await host.InScopeAsync(s => s.GetRequiredService<InvestigationConsoleDbContext>().AuditEntries.ToListAsync());
        var entry = Assert.Single(audit, a => a.Action == AuditActions.UserCreated);
        Assert.Equal(("cli:root", "ana@corp.example", "role=Investigator"), (entry.Actor, entry.SubjectId, entry.Details));
    }

    [Theory]
    [InlineData("x@corp.example", "Janitor", "Str0ng-pass!", "Unknown role")]
    [InlineData("not-an-email", "Manager", "Str0ng-pass!", "not an e-mail")]
    [InlineData("y@corp.example", "Manager", "short", "Passwords must be at least")]
    public async Task Add_InvalidInput_FailsWithClearMessage(string email, string role, string password, string expected)
    {
        await using var host = await TestHost.StartAsync();

        var outcome = await host.InScopeAsync(s => s.GetRequiredService<UserAdministration>().AddAsync(email, role, password, "test"));

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Errors, e => e.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Add_ExistingEmail_IsRefused()
    {
        await using var host = await TestHost.StartAsync();
        await host.InScopeAsync(s => s.GetRequiredService<UserAdministration>().AddAsync("dup@corp.example", "Manager", "Str0ng-pass!", "test"));

        var second = await host.InScopeAsync(s => s.GetRequiredService<UserAdministration>().AddAsync("dup@corp.example", "Admin", "Str0ng-pass!", "test"));

        Assert.False(second.Succeeded);
        Assert.Contains(second.Errors, e => e.Contains("already exists", StringComparison.Ordinal));
    }

    [Fact]
    public void GeneratePassword_ManyTimes_AlwaysMeetsPolicyAndDiffers()
    {
        var passwords = Enumerable.Range(0, 200).Select(_ => UserAdministration.GeneratePassword()).ToList();

        Assert.All(passwords, p =>
        {
            Assert.Equal(20, p.Length);
            Assert.Contains(p, char.IsUpper);
            Assert.Contains(p, char.IsLower);
            Assert.Contains(p, char.IsDigit);
            Assert.Contains(p, c => !char.IsLetterOrDigit(c));
        });
        Assert.Equal(passwords.Count, passwords.Distinct().Count());
    }
}

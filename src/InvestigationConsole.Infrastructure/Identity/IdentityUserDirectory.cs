using InvestigationConsole.Application.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Infrastructure.Identity;

internal sealed class IdentityUserDirectory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, TimeProvider clock) : IUserDirectory
{
    public async Task<UserDirectoryResult> CreateAsync(string email, string role, string password, CancellationToken cancellationToken = default)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return UserDirectoryResult.Failed($"A user with e-mail '{email}' already exists.");
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return UserDirectoryResult.Failed([.. created.Errors.Select(e => e.Description)]);
        }

        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? UserDirectoryResult.Success : UserDirectoryResult.Failed([.. added.Errors.Select(e => e.Description)]);
    }

    public async Task<IReadOnlyList<ConsoleUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await users.Users.OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var result = new List<ConsoleUser>(all.Count);
        foreach (var user in all)
        {
            var userRoles = await users.GetRolesAsync(user);
            var lockedOut = user.LockoutEnd is { } end && end > now;
            result.Add(new ConsoleUser(user.Email ?? user.UserName ?? user.Id, [.. userRoles.Order()], lockedOut, user.LockoutEnd));
        }

        return result;
    }

    public async Task EnsureRolesAsync(IEnumerable<string> roleNames, CancellationToken cancellationToken = default)
    {
        foreach (var name in roleNames)
        {
            if (!await roles.RoleExistsAsync(name))
            {
                var result = await roles.CreateAsync(new IdentityRole(name));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {name}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}

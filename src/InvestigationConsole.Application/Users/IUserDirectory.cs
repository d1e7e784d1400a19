namespace InvestigationConsole.Application.Users;

/// <summary>The console's user accounts, backed by ASP.NET Core Identity in Infrastructure.</summary>
public interface IUserDirectory
{
    Task<UserDirectoryResult> CreateAsync(string email, string role, string password, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ConsoleUser>> ListAsync(CancellationToken cancellationToken = default);

    Task EnsureRolesAsync(IEnumerable<string> roles, CancellationToken cancellationToken = default);
}

public sealed record ConsoleUser(string Email, IReadOnlyList<string> Roles, bool LockedOut, DateTimeOffset? LockoutEnd);

public sealed record UserDirectoryResult(bool Succeeded, IReadOnlyList<string> Errors)
{
    public static UserDirectoryResult Success { get; } = new(true, []);

    public static UserDirectoryResult Failed(params string[] errors) => new(false, errors);
}

using System.Security.Cryptography;
using InvestigationConsole.Application.Audit;
using InvestigationConsole.Domain;
using InvestigationConsole.Domain.Audit;

namespace InvestigationConsole.Application.Users;

/// <summary>Creates and lists console users; how the first Admin of a production install is made (CLI `users add`).</summary>
public sealed class UserAdministration(IUserDirectory directory, IAuditLog audit)
{
    public async Task<AddUserOutcome> AddAsync(string email, string role, string? password, string actor, CancellationToken cancellationToken = default)
    {
        if (!Roles.TryNormalize(role, out var canonicalRole))
        {
            return AddUserOutcome.Failed($"Unknown role '{role}'. Use one of: {string.Join(", ", Roles.All)}.");
        }

        email = email.Trim();
        if (!email.Contains('@', StringComparison.Ordinal) || email.Length > 256)
        {
            return AddUserOutcome.Failed($"'{email}' is not an e-mail address.");
        }

        var generated = string.IsNullOrEmpty(password);
        var effectivePassword = generated ? GeneratePassword() : password!;

        await directory.EnsureRolesAsync(Roles.All, cancellationToken);
        var result = await directory.CreateAsync(email, canonicalRole, effectivePassword, cancellationToken);
        if (!result.Succeeded)
        {
            return AddUserOutcome.Failed([.. result.Errors]);
        }

        await audit.RecordAsync(actor, AuditActions.UserCreated, "user", email, $"role={canonicalRole}", cancellationToken);
        return new AddUserOutcome(true, canonicalRole, generated ? effectivePassword : null, []);
    }

    public Task<IReadOnlyList<ConsoleUser>> ListAsync(CancellationToken cancellationToken = default) => directory.ListAsync(cancellationToken);

    /// <summary>20 characters drawn from a cryptographic source; always meets the password policy (upper, lower, digit, symbol).</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string symbols = "-_.!#%+=";
        const string all = upper + lower + digits + symbols;
        Span<char> chars = stackalloc char[20];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars);
        return new string(chars);
    }
}

public sealed record AddUserOutcome(bool Succeeded, string Role, string? GeneratedPassword, IReadOnlyList<string> Errors)
{
    public static AddUserOutcome Failed(params string[] errors) => new(false, "", null, errors);
}

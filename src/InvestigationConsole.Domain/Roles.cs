namespace InvestigationConsole.Domain;

/// <summary>The four roles of the console; names are stored in the identity database, so never rename one.</summary>
public static class Roles
{
    public const string Investigator = "Investigator";
    public const string Manager = "Manager";
    public const string Compliance = "Compliance";
    public const string Admin = "Admin";

    public static IReadOnlyList<string> All { get; } = [Investigator, Manager, Compliance, Admin];

    /// <summary>Matches a role name case-insensitively and returns its canonical spelling.</summary>
    public static bool TryNormalize(string? name, out string role)
    {
        role = All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase)) ?? "";
        return role.Length > 0;
    }
}

namespace InvestigationConsole.EndToEnd.Tests.Support;

/// <summary>The seeded demo users, spelled out here rather than borrowed from the app so that a seeding mistake shows.</summary>
public static class DemoUser
{
    public const string Password = "Demo-pass-1";

    public const string Investigator = "investigator@demo.local";
    public const string Manager = "manager@demo.local";
    public const string Compliance = "compliance@demo.local";
    public const string Admin = "admin@demo.local";
}

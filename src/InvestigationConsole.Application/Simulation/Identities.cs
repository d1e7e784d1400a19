namespace InvestigationConsole.Application.Simulation;

/// <summary>The raw material of sign-ups: e-mail providers, names, company and campus domains.</summary>
internal static class Identities
{
    private static readonly (string Domain, double Weight)[] Providers =
    [
        ("gmail.com", 0.46), ("outlook.com", 0.12), ("hotmail.com", 0.06), ("yahoo.com", 0.06), ("icloud.com", 0.07),
        ("proton.me", 0.04), ("gmx.de", 0.03), ("web.de", 0.02), ("naver.com", 0.02), ("qq.com", 0.02),
        ("mail.ru", 0.01), ("yandex.com", 0.01), ("fastmail.com", 0.01), ("zoho.com", 0.01), ("aol.com", 0.01),
        ("live.com", 0.03), ("me.com", 0.02),
    ];

    private static readonly double ProviderWeight = Providers.Sum(p => p.Weight);

    /// <summary>Disposable, rare or throwaway-registrar domains that cheap identities come from.</summary>
    public static readonly string[] RareDomains =
    [
        "mailinator.net", "tmpbox.io", "quickinbox.cc", "zmail.top", "inboxkitten.xyz", "fastmailr.shop", "relaymail.site",
        "mailnest.icu", "postbox24.online", "dropmail.buzz", "ezmail.click", "coolsend.fun", "mymail365.store",
        "letterbox.monster", "qmail.rest", "mailzone.lol", "nowinbox.app", "snapmail.one", "boxy.email", "fluxmail.pw",
        "orbitmail.today", "mailpod.space", "instabox.live", "temp-inbox.org", "kmail.world", "vmail.cyou",
    ];

    public static readonly string[] FirstNames =
    [
        "james", "mary", "wei", "li", "anna", "david", "sofia", "lucas", "emma", "noah", "olivia", "liam", "mia", "ethan",
        "yuki", "hiro", "priya", "arjun", "fatima", "omar", "elena", "ivan", "chloe", "leo", "sara", "jonas", "nina",
        "mateo", "isabel", "kenji", "minji", "jisoo", "raj", "ananya", "tom", "kate", "ben", "julia", "felix", "lea",
    ];

    public static readonly string[] LastNames =
    [
        "smith", "chen", "wang", "garcia", "mueller", "kim", "patel", "nguyen", "rossi", "silva", "tanaka", "kowalski",
        "johnson", "brown", "lee", "martin", "dubois", "jansen", "novak", "sato", "singh", "khan", "lopez", "meyer",
    ];

    private static readonly string[] CompanyWords =
    [
        "north", "blue", "bright", "iron", "cedar", "summit", "harbor", "vertex", "lumen", "atlas", "nova", "pioneer",
        "quantum", "silver", "delta", "apex", "granite", "meridian", "orbit", "crest", "beacon", "sable", "willow",
    ];

    private static readonly string[] CompanySuffixes = ["labs", "works", "tech", "data", "systems", "soft", "ai", "group", "analytics", "health", "logistics", "capital"];

    private static readonly string[] CompanyTlds = ["com", "io", "co", "de", "ai", "dev", "net", "co.uk", "fr", "app"];

    public static readonly (string Domain, int OffsetMinutes, string Country)[] Universities =
    [
        ("student.stanmore.edu", -480, "US"), ("mail.uni-heidelberg-nord.de", 60, "DE"), ("stu.hkbay.edu.hk", 480, "HK"),
        ("ed.kingsbridge.ac.uk", 0, "GB"), ("mail.lakeshore.edu", -300, "US"), ("u.tohoku-east.ac.jp", 540, "JP"),
    ];

    public static string Provider(ref SimulationRandom random)
    {
        var draw = random.NextDouble() * ProviderWeight;
        foreach (var (domain, weight) in Providers)
        {
            draw -= weight;
            if (draw <= 0)
            {
                return domain;
            }
        }

        return Providers[0].Domain;
    }

    public static string CompanyDomain(ref SimulationRandom random) =>
        $"{random.Pick(CompanyWords)}{random.Pick(CompanySuffixes)}.{random.Pick(CompanyTlds)}";

    /// <summary>A human-looking local part: jane.doe, jdoe84, jane_doe_1997.</summary>
    public static string PersonLocalPart(ref SimulationRandom random)
    {
        var first = random.Pick(FirstNames);
        var last = random.Pick(LastNames);
        return random.Next(5) switch
        {
            0 => $"{first}.{last}",
            1 => $"{first[0]}{last}{random.Between(1, 99)}",
            2 => $"{first}_{last}_{random.Between(1970, 2006)}",
            3 => $"{first}{random.Between(100, 9999)}",
            _ => $"{first}.{last}{random.Between(1, 999)}",
        };
    }

    /// <summary>The machine-made local parts of bulk sign-ups: letters and digits on a fixed pattern.</summary>
    public static string BulkLocalPart(ref SimulationRandom random)
    {
        Span<char> letters = stackalloc char[6];
        for (var i = 0; i < letters.Length; i++)
        {
            letters[i] = (char)('a' + random.Next(26));
        }

        return $"{letters}{random.Between(1000, 9999)}";
    }
}

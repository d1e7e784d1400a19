using InvestigationConsole.Detection.Linking;

namespace InvestigationConsole.Detection.Tests.Linking;

/// <summary>Builds link facts for synthetic populations: independent people, NATs, enterprises and campaign cells.</summary>
internal sealed class SyntheticAccounts(int seed)
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Random _random = new(seed);

    public List<AccountLinkFacts> Facts { get; } = [];

    public Dictionary<string, List<int>> Groups { get; } = [];

    public IEnumerable<int> Add(string group, int count, Func<int, AccountLinkFacts, AccountLinkFacts> shape)
    {
        var members = Groups.TryGetValue(group, out var list) ? list : Groups[group] = [];
        for (var i = 0; i < count; i++)
        {
            var index = Facts.Count;
            var facts = new AccountLinkFacts
            {
                Account = index,
                AccountId = $"{group}-{i}",
                CreatedAt = Epoch.AddMinutes(_random.Next(1_000_000)),
                Ips = [RandomIp()],
                Prefixes = [],
                SignupIp = RandomIp(),
                PaymentFingerprint = $"card-{group}-{i}",
                EmailDomain = "gmail.com",
            };
            facts = shape(i, facts with { Prefixes = [PrefixOf(facts.Ips[0])] });
            Facts.Add(facts);
            members.Add(index);
        }

        return members;
    }

    public void Individuals(int count) => Add("person", count, (_, f) => f);

    /// <summary>Students behind one campus NAT: one address and /24, each with their own card.</summary>
    public void Campus(int count) => Add("campus", count, (_, f) => f with { Ips = ["198.51.100.7"], Prefixes = ["198.51.100.0/24"], SignupIp = "198.51.100.7", SignupPrefix = "198.51.100.0/24", EmailDomain = "student.uni.edu" });

    /// <summary>A verified enterprise: one card, one egress /24, provisioned in one burst, templated batch jobs.</summary>
    public void Enterprise(string name, int count) => Add(name, count, (i, f) => f with
    {
        OrgId = $"org-{name}",
        EmailDomain = $"{name}.com",
        StrongIdentity = true,
        PaymentFingerprint = $"card-{name}",
        CreatedAt = Epoch.AddMinutes(5 + (i / 10.0)),
        SignupPrefix = "192.0.2.0/24",
        Ips = [$"192.0.2.{1 + (i % 200)}"],
        Prefixes = ["192.0.2.0/24"],
        ApiBehaviourFingerprint = $"batch-{name}",
        TemplateKeys = [0xE000UL + (ulong)(i % 3)],
    });

    /// <summary>A campaign cell: prepaid cards shared by groups of eight, a few proxy /24s, shared templates, synchronised ticks.</summary>
    public void CampaignCell(string name, int count) => Add(name, count, (i, f) => f with
    {
        EmailDomain = "tmpbox.xyz",
        PaymentFingerprint = $"prepaid-{name}-{i / 8}",
        CreatedAt = Epoch.AddMinutes(100 + (i / 4)),
        SignupPrefix = $"203.0.{113 + (i % 3)}.0/24",
        Ips = [$"203.0.{113 + (i % 3)}.{_random.Next(256)}", $"203.0.{113 + ((i + 1) % 3)}.{_random.Next(256)}"],
        Prefixes = [$"203.0.{113 + (i % 3)}.0/24", $"203.0.{113 + ((i + 1) % 3)}.0/24"],
        ApiBehaviourFingerprint = "python-sdk/1.2|chat|tools=4",
        TemplateKeys = [0xC000UL, 0xC001UL, 0xC002UL, 0xC003UL],
        ActivityKeys = Enumerable.Range(0, 12).Select(t => SynchronyKeys.Of((t * 7) + (i % 2), 42)).ToArray(),
    });

    private string RandomIp() => $"{_random.Next(1, 224)}.{_random.Next(256)}.{_random.Next(256)}.{_random.Next(1, 255)}";

    private static string PrefixOf(string ip) => ip[..ip.LastIndexOf('.')] + ".0/24";
}

namespace InvestigationConsole.Detection.Scoring;

/// <summary>
/// Judges sign-up e-mail domains: disposable (a built-in list of well-known throwaway services, plus
/// top-level domains that abuse trackers rank as most abused) and rare (held by very few accounts of
/// the population and not a known mail provider).
/// </summary>
public sealed class EmailDomainReputation
{
    private static readonly HashSet<string> Disposable = new(StringComparer.OrdinalIgnoreCase)
    {
        "mailinator.com", "guerrillamail.com", "guerrillamail.net", "guerrillamailblock.com", "sharklasers.com",
        "10minutemail.com", "10minutemail.net", "temp-mail.org", "tempmail.com", "tempmail.net", "tempmailo.com",
        "yopmail.com", "yopmail.net", "throwawaymail.com", "trashmail.com", "trashmail.net", "getnada.com",
        "nada.email", "dispostable.com", "maildrop.cc", "mailnesia.com", "mintemail.com", "mohmal.com",
        "fakeinbox.com", "emailondeck.com", "spamgourmet.com", "mytemp.email", "tempr.email", "discard.email",
        "burnermail.io", "moakt.com", "tempinbox.com", "inboxbear.com", "mailcatch.com", "33mail.com",
        "getairmail.com", "harakirimail.com", "spambox.us", "mailpoof.com", "linshiyouxiang.net", "emailfake.com",
    };

    private static readonly HashSet<string> AbusedTopLevelDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "top", "xyz", "icu", "buzz", "click", "fun", "shop", "site", "online", "pw", "cyou", "monster", "rest",
        "lol", "store", "space", "today", "tk", "ml", "ga", "cf", "gq", "work", "loan", "win", "bid", "cam",
    };

    private static readonly HashSet<string> KnownProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "icloud.com",
        "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net", "web.de", "naver.com", "qq.com",
        "163.com", "126.com", "mail.ru", "yandex.com", "yandex.ru", "fastmail.com", "zoho.com",
    };

    private readonly Dictionary<string, int> _accountsPerDomain;
    private readonly int _rareMaxAccounts;

    private EmailDomainReputation(Dictionary<string, int> accountsPerDomain, int rareMaxAccounts)
    {
        _accountsPerDomain = accountsPerDomain;
        _rareMaxAccounts = rareMaxAccounts;
    }

    /// <summary>Counts the population's domains (one entry per account); domains held by at most <paramref name="rareMaxAccounts"/> accounts are rare.</summary>
    public static EmailDomainReputation FromPopulation(IEnumerable<string?> accountDomains, int rareMaxAccounts = 2)
    {
        ArgumentNullException.ThrowIfNull(accountDomains);
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var domain in accountDomains)
        {
            if (!string.IsNullOrWhiteSpace(domain))
            {
                counts[domain] = counts.GetValueOrDefault(domain) + 1;
            }
        }

        return new EmailDomainReputation(counts, rareMaxAccounts);
    }

    public static bool IsDisposable(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return false;
        }

        var dot = domain.LastIndexOf('.');
        return Disposable.Contains(domain) || (dot >= 0 && AbusedTopLevelDomains.Contains(domain[(dot + 1)..]));
    }

    public int AccountsWith(string? domain) => domain is null ? 0 : _accountsPerDomain.GetValueOrDefault(domain);

    /// <summary>Rare: few accounts hold it and it is no known provider. Company and campus domains can be rare too, hence a mild weight.</summary>
    public bool IsRare(string? domain) =>
        !string.IsNullOrWhiteSpace(domain) && !KnownProviders.Contains(domain) && AccountsWith(domain) <= _rareMaxAccounts;
}

using System.Text;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Domain.Accounts;
using InvestigationConsole.Domain.Traffic;

namespace InvestigationConsole.Application.Scoring;

/// <summary>
/// What a run derives from the registry and lookups before reading any request: each account's registry facts,
/// the inferred model releases, and the stamps that tell whether a stored analysis is still valid.
/// </summary>
public sealed class DetectionPopulation
{
    private readonly Dictionary<int, string> _values;
    private readonly EmailDomainReputation _reputation;

    /// <param name="earlier">
    /// The population of this process's last run, or null. Accounts of the same registry columns (the registry read hands
    /// back the very objects, or copies sharing their texts: <see cref="IDetectionStore.LoadInputsAsync"/>) keep their
    /// facts when every account's e-mail domain is the one it had, so that no domain's reputation can have changed.
    /// </param>
    public DetectionPopulation(DetectionInputs inputs, DetectionSettings settings, DateTimeOffset now, DetectionPopulation? earlier = null)
    {
        Accounts = inputs.Accounts;
        _values = inputs.Lookups.ToDictionary(v => v.Id, v => v.Value);
        var dataStart = Accounts.Where(a => a.FirstRequestAt is not null).Select(a => a.FirstRequestAt!.Value).DefaultIfEmpty(now).Min();
        Releases = ModelReleases.Infer(
            inputs.Lookups.Where(v => v.Kind == LookupKind.Model).Select(v => KeyValuePair.Create(v.Value, v.FirstSeenAt)), dataStart);
        if (earlier is not null && SameDomains(earlier.Accounts, Accounts))
        {
            _reputation = earlier._reputation;
            var facts = new AccountRegistryFacts[Accounts.Count];
            for (var i = 0; i < facts.Length; i++)
            {
                facts[i] = SameRegistry(earlier.Accounts[i], Accounts[i]) ? earlier.Facts[i] : FactsOf(Accounts[i], _reputation);
            }

            Facts = facts;
        }
        else
        {
            _reputation = EmailDomainReputation.FromPopulation(Accounts.Select(a => a.EmailDomain));
            Facts = Accounts.Select(a => FactsOf(a, _reputation)).ToArray();
        }

        Basis = (long)Hash(DetectionSettingsCatalog.ToJson(settings) + string.Join("|", Releases.Select(r => $"{r.Model}@{r.ReleasedAt.UtcTicks}"))
            + $"|layout {AnalysisCodec.Format}");
    }

    /// <summary>Every account, ordered by key; a run's dense index is the position here.</summary>
    public IReadOnlyList<Account> Accounts { get; }

    public IReadOnlyList<AccountRegistryFacts> Facts { get; }

    public IReadOnlyList<ModelRelease> Releases { get; }

    /// <summary>
    /// Identifies the settings and releases an analysis was made under, and its stored layout
    /// (<see cref="AnalysisCodec.Format"/>); a stored analysis of another basis is stale and its account re-read.
    /// </summary>
    public long Basis { get; }

    /// <summary>Changes whenever the account's traffic does (ingestion maintains count, first and last request).</summary>
    public static long StampOf(Account account) =>
        (long)Mix(Mix((ulong)account.RequestCount) ^ (ulong)(account.FirstRequestAt?.UtcTicks ?? 0) ^ Mix((ulong)(account.LastRequestAt?.UtcTicks ?? 0) + 1));

    public RequestObservation Observe(in StoredRequest row) => new(
        row.Timestamp, row.InputTokens, row.OutputTokens, (PromptTraits)row.Traits, row.Sketch, row.ToolCount, row.Ip, row.IpPrefix,
        _values.GetValueOrDefault(row.ModelId, "unknown"), HoneypotHit: ((PromptTraits)row.Traits & PromptTraits.HoneypotCanary) != 0, row.HasPrompt,
        row.UserAgentId is { } ua ? _values.GetValueOrDefault(ua) : null, row.EndpointId is { } ep ? _values.GetValueOrDefault(ep) : null);

    /// <summary>A stored analysis placed at this run's index, with the registry facts refreshed (they may change without traffic).</summary>
    /// <param name="denseIndex">The account's index in the engine's input when that is a subset of <see cref="Accounts"/>.</param>
    public AccountAnalysis Refresh(AccountAnalysis stored, int index, int? denseIndex = null)
    {
        var facts = Facts[index];
        var id = facts.Identity;
        var account = denseIndex ?? index;

        // An analysis the process holds from its last run usually has these very facts already (the registry rarely
        // changes, and the account keeps its index): it is then taken as it is, not copied into two new records.
        var (p, l) = (stored.Profile, stored.LinkFacts);
        if (p.AccountId == id.AccountId && p.Tier == id.Tier && p.Verification == id.Verification && p.EmailDomain == id.EmailDomain
            && p.IsDisposableDomain == id.IsDisposableDomain && p.IsRareDomain == id.IsRareDomain && SameTime(p.CreatedAt, id.CreatedAt)
            && l.Account == account && l.AccountId == id.AccountId && l.OrgId == facts.OrgId && l.EmailDomain == id.EmailDomain
            && l.PaymentFingerprint == facts.PaymentFingerprint && l.SignupIp == facts.SignupIp && l.SignupPrefix == facts.SignupPrefix
            && l.StrongIdentity == facts.StrongIdentity && SameTime(l.CreatedAt, id.CreatedAt))
        {
            return stored;
        }

        var profile = stored.Profile with
        {
            AccountId = id.AccountId, Tier = id.Tier, Verification = id.Verification, EmailDomain = id.EmailDomain,
            IsDisposableDomain = id.IsDisposableDomain, IsRareDomain = id.IsRareDomain, CreatedAt = id.CreatedAt,
        };
        var links = stored.LinkFacts with
        {
            Account = account, AccountId = id.AccountId, OrgId = facts.OrgId, EmailDomain = id.EmailDomain, PaymentFingerprint = facts.PaymentFingerprint,
            SignupIp = facts.SignupIp, SignupPrefix = facts.SignupPrefix, StrongIdentity = facts.StrongIdentity, CreatedAt = id.CreatedAt,
        };
        return new AccountAnalysis(profile, links);
    }

    /// <summary>The same instant in the same offset: equality of <see cref="DateTimeOffset"/> alone ignores the offset.</summary>
    private static bool SameTime(DateTimeOffset? a, DateTimeOffset? b) => a == b && a?.Offset == b?.Offset;

    /// <summary>The same accounts in the same places with the same e-mail domain objects: the domains' counts are the same.</summary>
    private static bool SameDomains(IReadOnlyList<Account> earlier, IReadOnlyList<Account> accounts)
    {
        if (earlier.Count != accounts.Count)
        {
            return false;
        }

        for (var i = 0; i < accounts.Count; i++)
        {
            if (earlier[i].Key != accounts[i].Key || !ReferenceEquals(earlier[i].EmailDomain, accounts[i].EmailDomain))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The registry columns the facts are made of are the same objects and values (traffic totals aside).</summary>
    private static bool SameRegistry(Account a, Account b) =>
        ReferenceEquals(a, b)
        || (ReferenceEquals(a.AccountId, b.AccountId) && ReferenceEquals(a.EmailDomain, b.EmailDomain) && ReferenceEquals(a.OrgId, b.OrgId)
            && ReferenceEquals(a.PaymentFingerprint, b.PaymentFingerprint) && ReferenceEquals(a.SignupIp, b.SignupIp)
            && ReferenceEquals(a.SignupPrefix, b.SignupPrefix) && a.Tier == b.Tier && a.Verification == b.Verification && SameTime(a.CreatedAt, b.CreatedAt));

    private static AccountRegistryFacts FactsOf(Account a, EmailDomainReputation reputation) =>
        new(new AccountIdentity(a.AccountId, (AccountTier)a.Tier, (VerificationLevel)a.Verification, a.EmailDomain, a.CreatedAt,
            EmailDomainReputation.IsDisposable(a.EmailDomain), reputation.IsRare(a.EmailDomain)))
        {
            OrgId = a.OrgId,
            PaymentFingerprint = a.PaymentFingerprint,
            SignupIp = a.SignupIp,
            SignupPrefix = a.SignupPrefix,
        };

    private static ulong Hash(string text)
    {
        var h = 0xCBF2_9CE4_8422_2325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            h = (h ^ b) * 0x0000_0100_0000_01B3;
        }

        return Mix(h);
    }

    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51_AFD7_ED55_8CCD;
        h ^= h >> 33;
        h *= 0xC4CE_B9FE_1A85_EC53;
        return h ^ (h >> 33);
    }
}

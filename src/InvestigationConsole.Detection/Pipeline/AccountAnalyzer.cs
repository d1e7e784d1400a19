using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Scoring;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Pipeline;

/// <summary>An account's profile (for scoring) and link facts (for clustering), from one pass over its requests.</summary>
public sealed record AccountAnalysis(AccountProfile Profile, AccountLinkFacts LinkFacts);

/// <summary>
/// One streaming pass per account over its requests in time order: <see cref="Begin"/>, <see cref="Add"/> each
/// request, <see cref="End"/>. Reuses its state between accounts; use one analyzer per thread.
/// </summary>
public sealed class AccountAnalyzer
{
    private const int MaxAddresses = 256;

    private readonly IReadOnlyList<ModelRelease> _releases;
    private readonly DetectionSettings _settings;
    private readonly AccountProfileBuilder _profile;
    private readonly Dictionary<string, int> _ips = new(StringComparer.Ordinal);
    private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, int> _clients = [];
    private readonly Dictionary<ulong, int> _bandKeys = [];
    private readonly HashSet<ulong> _activity = [];
    private readonly Dictionary<string, DateTimeOffset> _firstUse = new(StringComparer.Ordinal);
    private readonly StableHash.Recent _texts = new();
    private readonly List<KeyValuePair<ulong, int>> _frequentKeys = [];
    private int _index;
    private AccountRegistryFacts? _facts;
    private string? _runIp;
    private int _runLength;
    private string? _lastPrefix;
    private bool _ended;

    public AccountAnalyzer(IReadOnlyList<ModelRelease> releases, DetectionSettings? settings = null)
    {
        _releases = releases ?? throw new ArgumentNullException(nameof(releases));
        _settings = settings ?? DetectionSettings.Default;
        _profile = new AccountProfileBuilder(releases, _settings.Scoring);
    }

    /// <param name="index">The account's dense index 0..n-1 in this run.</param>
    public void Begin(int index, AccountRegistryFacts facts)
    {
        _index = index;
        _facts = facts ?? throw new ArgumentNullException(nameof(facts));
        _profile.Begin(facts.Identity);
        _ips.Clear();
        _prefixes.Clear();
        _clients.Clear();
        _bandKeys.Clear();
        _activity.Clear();
        _firstUse.Clear();
        _runIp = _lastPrefix = null;
        _runLength = 0;
        _ended = false;
    }

    /// <summary>
    /// Begins an account where <paramref name="state"/> (of <see cref="Capture"/>, under the same releases and settings)
    /// left it: adding the account's later requests, in order, then ends in what one pass over all of them would.
    /// </summary>
    public void Resume(int index, AccountRegistryFacts facts, AccountAnalyzerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Ips.Length > MaxAddresses || state.Prefixes.Length > MaxAddresses)
        {
            throw new ArgumentException("The state holds more addresses than an analyzer keeps.", nameof(state));
        }

        Begin(index, facts);
        _profile.Resume(facts.Identity, state.Profile);
        foreach (var (ip, count) in state.Ips)
        {
            _ips.Add(ip, count);
        }

        _prefixes.UnionWith(state.Prefixes);
        foreach (var (client, count) in state.Clients)
        {
            _clients.Add(client, count);
        }

        foreach (var (key, count) in state.BandKeys)
        {
            _bandKeys.Add(key, count);
        }

        _activity.UnionWith(state.Activity);
        foreach (var (model, at) in state.FirstUse)
        {
            _firstUse.Add(model, at);
        }
    }

    /// <summary>Where the pass over the account just ended stands, to <see cref="Resume"/> it with later requests.</summary>
    public AccountAnalyzerState Capture()
    {
        if (!_ended)
        {
            throw new InvalidOperationException("End the account before capturing its state.");
        }

        return new AccountAnalyzerState
        {
            Profile = _profile.Capture(),
            Ips = _ips.ToArray(),
            Prefixes = _prefixes.ToArray(),
            Clients = _clients.ToArray(),
            BandKeys = _bandKeys.ToArray(),
            Activity = SynchronyKeys.BottomK(_activity, _settings.SynchronySample),
            FirstUse = _firstUse.ToArray(),
        };
    }

    public void Add(in RequestObservation request)
    {
        _profile.Add(request);

        // Consecutive requests mostly come from one address: a run of them is counted at once when it ends.
        if (!ReferenceEquals(request.Ip, _runIp))
        {
            CountIpRun();
            _runIp = request.Ip;
        }

        _runLength++;
        if (_prefixes.Count < MaxAddresses && !ReferenceEquals(request.IpPrefix, _lastPrefix))
        {
            _prefixes.Add(request.IpPrefix);
            _lastPrefix = request.IpPrefix;
        }

        var client = _texts.Of(request.UserAgent ?? "") ^ StableHash.Mix(_texts.Of(request.Endpoint ?? "") + (ulong)Math.Min(request.ToolCount, 1));
        CollectionsMarshal.GetValueRefOrAddDefault(_clients, client, out _)++;
        _firstUse.TryAdd(request.Model, request.Timestamp);
        if (request.HasPrompt && !request.Sketch.IsEmpty)
        {
            for (var band = 0; band < MinHash.Bands; band++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_bandKeys, TemplateConcentration.BandKey(band, request.Sketch.Band(band)), out _)++;
            }
        }

        var bucket = request.Timestamp.UtcTicks / _settings.SynchronyBucket.Ticks;
        var action = _texts.Of(request.Model) ^ StableHash.Mix((ulong)(uint)request.Traits);
        _activity.Add(SynchronyKeys.Of(bucket, action));
    }

    public AccountAnalysis End()
    {
        var facts = _facts ?? throw new InvalidOperationException("Begin an account first.");
        CountIpRun();
        _ended = true;
        // _bandKeys counts the band keys of the same prompts as the profile's sketches.
        var profile = _profile.Build(_bandKeys);
        var links = new AccountLinkFacts
        {
            Account = _index,
            AccountId = facts.Identity.AccountId,
            OrgId = facts.OrgId,
            EmailDomain = facts.Identity.EmailDomain,
            PaymentFingerprint = facts.PaymentFingerprint,
            SignupIp = facts.SignupIp,
            SignupPrefix = facts.SignupPrefix,
            StrongIdentity = facts.StrongIdentity,
            CreatedAt = facts.Identity.CreatedAt,
            ApiBehaviourFingerprint = _clients.Count == 0 ? null : _clients.MaxBy(pair => pair.Value).Key.ToString("x16", CultureInfo.InvariantCulture),
            PivotAt = PivotAt(profile),
            Ips = MostUsedIps(),
            Prefixes = SortedPrefixes(),
            TemplateKeys = TopTemplateKeys(),
            ActivityKeys = SynchronyKeys.BottomK(_activity, _settings.SynchronySample),
        };
        return new AccountAnalysis(profile, links);
    }

    /// <summary>The addresses counted, most requests first, ties in ordinal order (a total order: each address once).</summary>
    private string[] MostUsedIps()
    {
        var pairs = new KeyValuePair<string, int>[_ips.Count];
        ((ICollection<KeyValuePair<string, int>>)_ips).CopyTo(pairs, 0);
        Array.Sort(pairs, static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        var ips = new string[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            ips[i] = pairs[i].Key;
        }

        return ips;
    }

    private string[] SortedPrefixes()
    {
        var prefixes = new string[_prefixes.Count];
        _prefixes.CopyTo(prefixes);
        Array.Sort(prefixes, StringComparer.Ordinal);
        return prefixes;
    }

    /// <summary>
    /// The band keys of at least <see cref="DetectionSettings.TemplateKeyMinPrompts"/> prompts, most prompts first, ties by
    /// key (a total order), at most <see cref="DetectionSettings.TemplateKeysPerAccount"/>: the filter runs over every key
    /// (eight per prompt) without an iterator chain, and only the few frequent ones are sorted.
    /// </summary>
    private ulong[] TopTemplateKeys()
    {
        _frequentKeys.Clear();
        foreach (var pair in _bandKeys)
        {
            if (pair.Value >= _settings.TemplateKeyMinPrompts)
            {
                _frequentKeys.Add(pair);
            }
        }

        _frequentKeys.Sort(static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        var keys = new ulong[Math.Clamp(_settings.TemplateKeysPerAccount, 0, _frequentKeys.Count)];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = _frequentKeys[i].Key;
        }

        return keys;
    }

    /// <summary>
    /// Counts the current run of requests from one address as that many requests one by one would: an address is
    /// counted if it is among the first <see cref="MaxAddresses"/> seen; the run cannot change which ones those are.
    /// </summary>
    private void CountIpRun()
    {
        if (_runIp is not null)
        {
            // One hash lookup: the counts and the insertion order are those of a lookup and then a store.
            if (_ips.Count < MaxAddresses)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_ips, _runIp, out _) += _runLength;
            }
            else
            {
                ref var seen = ref CollectionsMarshal.GetValueRefOrNullRef(_ips, _runIp);
                if (!Unsafe.IsNullRef(ref seen))
                {
                    seen += _runLength;
                }
            }
        }

        _runIp = null;
        _runLength = 0;
    }

    /// <summary>The first use of a new model that took most of the account's traffic in the 24 h after its release.</summary>
    private DateTimeOffset? PivotAt(AccountProfile profile)
    {
        foreach (var window in profile.ReleaseWindows)
        {
            if (window.AllRequests >= _settings.Scoring.PivotMinRequests && window.Share >= 0.5 && _firstUse.TryGetValue(window.Model, out var at))
            {
                return at;
            }
        }

        return null;
    }
}

using System.Runtime.InteropServices;
using InvestigationConsole.Detection.Features;
using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Pipeline;

namespace InvestigationConsole.Detection.Scoring;

/// <summary>Registry facts about an account, as the accounts table holds them.</summary>
public readonly record struct AccountIdentity(
    string AccountId, AccountTier Tier, VerificationLevel Verification, string? EmailDomain, DateTimeOffset? CreatedAt, bool IsDisposableDomain, bool IsRareDomain);

/// <summary>
/// One stored request, as the streaming pass reads it. <see cref="UserAgent"/> and <see cref="Endpoint"/> feed the
/// API-behaviour fingerprint used for linking; they may be null when the gateway did not log them.
/// </summary>
public readonly record struct RequestObservation(
    DateTimeOffset Timestamp, long InputTokens, long OutputTokens, PromptTraits Traits, TemplateSketch Sketch, int ToolCount,
    string Ip, string IpPrefix, string Model, bool HoneypotHit, bool HasPrompt = true, string? UserAgent = null, string? Endpoint = null);

/// <summary>
/// Builds <see cref="AccountProfile"/>s in one streaming pass over requests ordered by (account, time):
/// <see cref="Begin"/> an account, <see cref="Add"/> its requests, <see cref="Build"/>. State is reused
/// between accounts, so one builder per thread serves the whole population.
/// </summary>
public sealed class AccountProfileBuilder(IReadOnlyList<ModelRelease> releases, ScoringSettings? settings = null, int templateNeighbours = 3, int maxSketches = 4096)
{
    private readonly ScoringSettings _settings = settings ?? ScoringSettings.Default;
    private readonly long[] _hours = new long[24];
    private readonly List<long> _days = [];
    private readonly HashSet<string> _ips = new(StringComparer.Ordinal);
    private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset First, long Requests)> _models = new(StringComparer.Ordinal);
    private readonly List<TemplateSketch> _sketches = [];
    private readonly long[] _windowAll = new long[releases.Count];
    private readonly long[] _windowModel = new long[releases.Count];
    private AccountIdentity _identity;
    private PromptTraitCounts _traits = new();
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;
    private long _requests, _input, _output, _prompts, _tools, _gaps;
    private double _gapMean, _gapM2;
    private int _honeypot;
    private string? _lastIp, _lastPrefix;

    public void Begin(AccountIdentity identity)
    {
        _identity = identity;
        Array.Clear(_hours);
        Array.Clear(_windowAll);
        Array.Clear(_windowModel);
        _days.Clear();
        _ips.Clear();
        _prefixes.Clear();
        _models.Clear();
        _sketches.Clear();
        _traits = new PromptTraitCounts();
        _first = _last = null;
        _requests = _input = _output = _prompts = _tools = _gaps = 0;
        _gapMean = _gapM2 = 0;
        _honeypot = 0;
        _lastIp = _lastPrefix = null;
    }

    /// <summary>
    /// Begins an account where <paramref name="state"/> (of <see cref="Capture"/>, with the same releases, settings and
    /// sketch cap) left it: adding its later requests then builds what one pass over all of them would.
    /// </summary>
    public void Resume(AccountIdentity identity, AccountProfileState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Hours.Length != _hours.Length || state.WindowAll.Length != _windowAll.Length || state.WindowModel.Length != _windowModel.Length
            || state.Sketches.Length > maxSketches)
        {
            throw new ArgumentException("The state was captured with other releases or settings.", nameof(state));
        }

        Begin(identity);
        state.Hours.CopyTo(_hours);
        state.WindowAll.CopyTo(_windowAll);
        state.WindowModel.CopyTo(_windowModel);
        _days.AddRange(state.Days);
        _ips.UnionWith(state.Ips);
        _prefixes.UnionWith(state.Prefixes);
        foreach (var model in state.Models)
        {
            _models.Add(model.Model, (model.FirstUseAt, model.Requests));
        }

        _sketches.AddRange(state.Sketches);
        _traits = PromptTraitCounts.FromSlots(state.Traits);
        (_first, _last) = (state.First, state.Last);
        (_requests, _input, _output, _prompts, _tools, _gaps) = (state.Requests, state.InputTokens, state.OutputTokens, state.Prompts, state.ToolUse, state.Gaps);
        (_gapMean, _gapM2, _honeypot) = (state.GapMean, state.GapM2, state.HoneypotHits);
    }

    /// <summary>Where the pass over the current account stands, to <see cref="Resume"/> it later.</summary>
    public AccountProfileState Capture() => new()
    {
        Hours = (long[])_hours.Clone(),
        Days = _days.ToArray(),
        Ips = _ips.ToArray(),
        Prefixes = _prefixes.ToArray(),
        Models = _models.Select(pair => new ModelUse(pair.Key, pair.Value.First, pair.Value.Requests)).ToArray(),
        Sketches = _sketches.ToArray(),
        WindowAll = (long[])_windowAll.Clone(),
        WindowModel = (long[])_windowModel.Clone(),
        Traits = _traits.ToSlots(),
        First = _first,
        Last = _last,
        Requests = _requests,
        InputTokens = _input,
        OutputTokens = _output,
        Prompts = _prompts,
        ToolUse = _tools,
        Gaps = _gaps,
        GapMean = _gapMean,
        GapM2 = _gapM2,
        HoneypotHits = _honeypot,
    };

    public void Add(in RequestObservation request)
    {
        var at = request.Timestamp;
        _first ??= at;
        if (_last is { } previous)
        {
            var gap = (at - previous).TotalSeconds;
            if (gap >= 0 && gap <= _settings.SessionBreakSeconds)
            {
                // Welford's running mean and variance of in-session gaps.
                _gaps++;
                var delta = gap - _gapMean;
                _gapMean += delta / _gaps;
                _gapM2 += delta * (gap - _gapMean);
            }
        }

        _last = at > (_last ?? at) ? at : _last ?? at;
        _requests++;
        _input += request.InputTokens;
        _output += request.OutputTokens;
        _hours[at.UtcDateTime.Hour]++;
        var day = (int)(at.UtcDateTime.Date - _first.Value.UtcDateTime.Date).TotalDays;
        while (day >= 0 && _days.Count <= day)
        {
            _days.Add(0);
        }

        if (day >= 0)
        {
            _days[day]++;
        }

        _tools += request.ToolCount > 0 || (request.Traits & PromptTraits.AgenticToolUse) != 0 ? 1 : 0;
        // Consecutive requests mostly repeat the address: hashing it again would add nothing to the sets.
        if (!ReferenceEquals(request.Ip, _lastIp))
        {
            _ips.Add(request.Ip);
            _lastIp = request.Ip;
        }

        if (!ReferenceEquals(request.IpPrefix, _lastPrefix))
        {
            _prefixes.Add(request.IpPrefix);
            _lastPrefix = request.IpPrefix;
        }

        _honeypot += request.HoneypotHit ? 1 : 0;
        AddModel(request.Model, at);
        if (request.HasPrompt)
        {
            _prompts++;
            _traits.Add(request.Traits);
            AddSketch(request.Sketch);
        }
    }

    public AccountProfile Build() => Build(null);

    /// <param name="bandKeyCounts">
    /// The count of each band key over every non-empty sketch of the account's prompts, when the caller keeps them: used
    /// for the template concentration while the builder still holds every prompt's sketch (no sampling yet).
    /// </param>
    public AccountProfile Build(Dictionary<ulong, int>? bandKeyCounts) => new()
    {
        AccountId = _identity.AccountId,
        Tier = _identity.Tier,
        Verification = _identity.Verification,
        EmailDomain = _identity.EmailDomain,
        IsDisposableDomain = _identity.IsDisposableDomain,
        IsRareDomain = _identity.IsRareDomain,
        CreatedAt = _identity.CreatedAt,
        FirstRequestAt = _first,
        LastRequestAt = _last,
        RequestCount = _requests,
        InputTokens = _input,
        OutputTokens = _output,
        HourOfDayCounts = (long[])_hours.Clone(),
        DailyCounts = _days.ToArray(),
        InterArrival = _gaps < 2 || _gapMean <= 0
            ? InterArrivalStats.None
            : new InterArrivalStats(_gaps, _gapMean, Math.Sqrt(_gapM2 / (_gaps - 1)) / _gapMean),
        PromptCount = _prompts,
        TraitCounts = _traits,
        TemplateConcentration = bandKeyCounts is not null && _prompts <= maxSketches
            ? TemplateConcentration.Of(_sketches, templateNeighbours, bandKeyCounts)
            : TemplateConcentration.Of(_sketches, templateNeighbours),
        ToolUseRequests = _tools,
        DistinctIps = _ips.Count,
        DistinctPrefixes = _prefixes.Count,
        Models = _models.Select(pair => new ModelUse(pair.Key, pair.Value.First, pair.Value.Requests)).OrderBy(use => use.FirstUseAt).ToArray(),
        ReleaseWindows = releases.Select((release, i) => new ReleaseWindowTraffic(release.Model, _windowModel[i], _windowAll[i])).ToArray(),
        HoneypotHits = _honeypot,
    };

    private void AddModel(string model, DateTimeOffset at)
    {
        ref var use = ref CollectionsMarshal.GetValueRefOrAddDefault(_models, model, out var exists);
        use = exists ? (use.First < at ? use.First : at, use.Requests + 1) : (at, 1);
        for (var i = 0; i < releases.Count; i++)
        {
            var since = at - releases[i].ReleasedAt;
            if (since >= TimeSpan.Zero && since < TimeSpan.FromHours(24))
            {
                _windowAll[i]++;
                _windowModel[i] += string.Equals(model, releases[i].Model, StringComparison.Ordinal) ? 1 : 0;
            }
        }
    }

    private void AddSketch(TemplateSketch sketch)
    {
        if (_sketches.Count < maxSketches)
        {
            _sketches.Add(sketch);
            return;
        }

        // Reservoir sampling with a fixed hash, so the same requests give the same profile on every run.
        var slot = (long)(Text.StableHash.Mix((ulong)_prompts) % (ulong)_prompts);
        if (slot < maxSketches)
        {
            _sketches[(int)slot] = sketch;
        }
    }
}

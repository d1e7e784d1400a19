using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using InvestigationConsole.Application.Audit;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Domain.Risk;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Scoring;

/// <summary>The settings a run uses: the newest saved version, or the built-in defaults (version null) when none was saved.</summary>
public sealed record ActiveDetectionSettings(long? VersionId, DetectionSettings Settings, DateTimeOffset? CreatedAt, string? CreatedBy, string? Note);

/// <summary>A settings document that parsed, or the reasons it did not.</summary>
public sealed record SettingsParse(DetectionSettings? Settings, IReadOnlyList<string> Errors)
{
    public bool IsValid => Settings is not null && Errors.Count == 0;
}

/// <summary>Reads, validates and saves versions of <see cref="DetectionSettings"/>; every save is audited.</summary>
public sealed class DetectionSettingsCatalog(IConsoleDbContextFactory contexts, IAuditLog audit, TimeProvider clock)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string ToJson(DetectionSettings settings) => JsonSerializer.Serialize(settings, JsonOptions);

    public async Task<ActiveDetectionSettings> GetActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var newest = await db.DetectionSettingsVersions.AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        if (newest is null)
        {
            return new ActiveDetectionSettings(null, DetectionSettings.Default, null, null, null);
        }

        var parsed = Parse(newest.Json);
        return new ActiveDetectionSettings(newest.Id, parsed.Settings ?? DetectionSettings.Default, newest.CreatedAt, newest.CreatedBy, newest.Note);
    }

    /// <summary>Parses and checks a settings document; errors name the JSON path or the setting.</summary>
    public static SettingsParse Parse(string json)
    {
        DetectionSettings? settings;
        try
        {
            settings = JsonSerializer.Deserialize<DetectionSettings>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            return new SettingsParse(null, [$"Not valid settings JSON{where}{line}: {FirstSentence(ex.Message)}"]);
        }

        if (settings is null)
        {
            return new SettingsParse(null, ["The document is empty."]);
        }

        var errors = Validate(settings);
        return new SettingsParse(errors.Count == 0 ? settings : null, errors);
    }

    public static IReadOnlyList<string> Validate(DetectionSettings settings)
    {
        var errors = new List<string>();
        var s = settings.Scoring;
        Check(s.FlagThreshold is >= 0 and <= 100, "scoring.flagThreshold must be between 0 and 100.");
        Check(s.MinCorroboratingFamilies is >= 0 and <= 5, "scoring.minCorroboratingFamilies must be between 0 and 5.");
        Check(s.CorroborationFactors.Count > 0 && s.CorroborationFactors.All(f => f >= 0), "scoring.corroborationFactors needs at least one non-negative factor.");
        Check(s.TierDailyRequests.Count == 6 && s.TierDailyRequests.All(r => r > 0), "scoring.tierDailyRequests needs 6 positive numbers (Free … Enterprise).");
        foreach (var (name, weight) in SignalWeights(settings))
        {
            Check(weight is not null && weight.Max >= 0 && weight.Max <= 100, $"scoring.{name}.max must be between 0 and 100.");
        }

        var types = Enum.GetValues<LinkType>().Length;
        var l = settings.Linking;
        Check(l.TypeWeights.Count == types && l.Saturation.Count == types && l.MinShared.Count == types,
            $"linking.typeWeights, saturation and minShared need {types} entries each ({string.Join(", ", Enum.GetNames<LinkType>())}).");
        Check(l.StrongLinkWeight > 0 && settings.Clustering.StrongLinkWeight > 0, "strongLinkWeight must be positive.");
        Check(settings.Clustering.CampaignRisk is >= 0 and <= 100, "clustering.campaignRisk must be between 0 and 100.");
        Check(settings.Clustering.MinCampaignSize >= 2, "clustering.minCampaignSize must be at least 2.");
        Check(settings.SynchronyBucket > TimeSpan.Zero, "synchronyBucket must be positive.");
        Check(settings.SynchronySample > 0 && settings.TemplateKeysPerAccount > 0, "synchronySample and templateKeysPerAccount must be positive.");
        return errors;

        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }
    }

    /// <summary>Every signal weight by its JSON name, for the form and for validation.</summary>
    public static IEnumerable<(string Name, Detection.Scoring.SignalWeight? Weight)> SignalWeights(DetectionSettings settings)
    {
        var node = JsonSerializer.SerializeToNode(settings.Scoring, JsonOptions)!.AsObject();
        foreach (var (name, value) in node)
        {
            if (value is JsonObject o && o.ContainsKey("max") && o.ContainsKey("low"))
            {
                yield return (name, value.Deserialize<Detection.Scoring.SignalWeight>(JsonOptions));
            }
        }
    }

    /// <summary>Saves a new version (it becomes active) and audits the change with a summary of what differs.</summary>
    public async Task<long> SaveAsync(DetectionSettings settings, string note, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var errors = Validate(settings);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(settings));
        }

        var previous = await GetActiveAsync(cancellationToken);
        var version = new DetectionSettingsVersion { Json = ToJson(settings), CreatedAt = clock.GetUtcNow(), CreatedBy = actor, Note = note.Trim() };
        await using (var db = contexts.Create())
        {
            db.DetectionSettingsVersions.Add(version);
            await db.SaveChangesAsync(cancellationToken);
        }

        var changes = Diff(previous.Settings, settings);
        var details = JsonSerializer.Serialize(new
        {
            oldVersion = previous.VersionId,
            newVersion = version.Id,
            note = version.Note,
            changed = changes.Count,
            diff = changes.Take(20).ToArray(),
        });
        await audit.RecordAsync(actor, Domain.Audit.AuditActions.ScoringSettingsChanged, "detection-settings", version.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), details, cancellationToken);
        return version.Id;
    }

    /// <summary>The leaf settings that differ, as "path: old → new".</summary>
    public static IReadOnlyList<string> Diff(DetectionSettings before, DetectionSettings after)
    {
        var a = Flatten(JsonSerializer.SerializeToNode(before, JsonOptions));
        var b = Flatten(JsonSerializer.SerializeToNode(after, JsonOptions));
        return b.Where(pair => !a.TryGetValue(pair.Key, out var old) || old != pair.Value)
            .Select(pair => $"{pair.Key}: {a.GetValueOrDefault(pair.Key, "(none)")} → {pair.Value}")
            .Concat(a.Keys.Except(b.Keys).Select(key => $"{key}: removed"))
            .ToArray();
    }

    private static Dictionary<string, string> Flatten(JsonNode? node)
    {
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(node, "");
        return leaves;

        void Walk(JsonNode? n, string path)
        {
            switch (n)
            {
                case JsonObject o:
                    foreach (var (key, value) in o)
                    {
                        Walk(value, path.Length == 0 ? key : $"{path}.{key}");
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], $"{path}[{i}]");
                    }

                    break;
                default:
                    leaves[path] = n?.ToJsonString() ?? "null";
                    break;
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] + "." : message;
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Pipeline;

namespace InvestigationConsole.Web.Components.Pages.Detection;

/// <summary>
/// The main knobs of the detection settings as a form edits them, laid over a base document that holds everything
/// else (the active settings, or JSON an Admin applied in the advanced editor).
/// </summary>
public sealed class SettingsDraft
{
    private DetectionSettings _base = DetectionSettings.Default;

    public double FlagThreshold { get; set; }
    public int MinCorroboratingFamilies { get; set; }
    public double StrongLinkWeight { get; set; }
    public double CampaignRisk { get; set; }

    /// <summary>Each signal's maximum contribution, by its JSON name (e.g. chainOfThought).</summary>
    public SortedDictionary<string, double> SignalMax { get; } = new(StringComparer.Ordinal);

    public static SettingsDraft From(DetectionSettings settings)
    {
        var draft = new SettingsDraft();
        draft.Load(settings);
        return draft;
    }

    public void Load(DetectionSettings settings)
    {
        _base = settings;
        FlagThreshold = settings.Scoring.FlagThreshold;
        MinCorroboratingFamilies = settings.Scoring.MinCorroboratingFamilies;
        StrongLinkWeight = settings.Clustering.StrongLinkWeight;
        CampaignRisk = settings.Clustering.CampaignRisk;
        SignalMax.Clear();
        foreach (var (name, weight) in DetectionSettingsCatalog.SignalWeights(settings))
        {
            SignalMax[name] = weight?.Max ?? 0;
        }
    }

    /// <summary>Loads a JSON document from the advanced editor; on errors the draft is left as it was.</summary>
    public IReadOnlyList<string> LoadJson(string json)
    {
        var parsed = DetectionSettingsCatalog.Parse(json);
        if (parsed.IsValid)
        {
            Load(parsed.Settings!);
        }

        return parsed.Errors;
    }

    /// <summary>The base settings with the form's values applied; the strong-link weight is the same for linking and clustering.</summary>
    public SettingsParse Build()
    {
        var node = JsonSerializer.SerializeToNode(_base, DetectionSettingsCatalog.JsonOptions)!.AsObject();
        var scoring = node["scoring"]!.AsObject();
        scoring["flagThreshold"] = FlagThreshold;
        scoring["minCorroboratingFamilies"] = MinCorroboratingFamilies;
        foreach (var (name, max) in SignalMax)
        {
            if (scoring[name] is JsonObject weight)
            {
                weight["max"] = max;
            }
        }

        node["linking"]!["strongLinkWeight"] = StrongLinkWeight;
        node["clustering"]!["strongLinkWeight"] = StrongLinkWeight;
        node["clustering"]!["campaignRisk"] = CampaignRisk;
        return DetectionSettingsCatalog.Parse(node.ToJsonString(DetectionSettingsCatalog.JsonOptions));
    }

    public string ToJson() => Build() is { IsValid: true } built ? DetectionSettingsCatalog.ToJson(built.Settings!) : DetectionSettingsCatalog.ToJson(_base);
}

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// The text the simulated people and campaigns send. Benign families have many phrasings;
/// campaign families are a few fixed frames with slots, the way harvest scripts are written.
/// </summary>
internal static partial class PromptCorpus
{
    public static Dictionary<string, string[]> Banks() =>
        new[] { SharedBanks(), EverydayBanks(), DeveloperBanks(), WorkloadBanks(), HarvestBanks() }
            .SelectMany(banks => banks)
            .ToDictionary(pair => pair.Key, pair => pair.Value);

    public static Dictionary<PromptFamily, string[]> Families() =>
        new[] { EverydayFamilies(), DeveloperFamilies(), WorkloadFamilies(), HarvestFamilies() }
            .SelectMany(families => families)
            .ToDictionary(pair => pair.Key, pair => pair.Value);
}

using InvestigationConsole.Detection.Fingerprints;

namespace InvestigationConsole.Detection.Features;

/// <summary>What ingestion keeps about each prompt: its length in chars, what it asks for, and its template sketch.</summary>
public readonly record struct PromptFeatures(int Length, PromptTraits Traits, TemplateSketch Sketch)
{
    public static PromptFeatures None => new(0, PromptTraits.None, TemplateSketch.Empty);
}

using InvestigationConsole.Detection.Fingerprints;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Features;

/// <summary>Computes <see cref="PromptFeatures"/> for every request; the prompt's words are read once for both features.</summary>
public static class PromptFeatureExtractor
{
    public static PromptFeatures Extract(string? prompt) => Extract(prompt.AsSpan());

    public static PromptFeatures Extract(ReadOnlySpan<char> prompt)
    {
        if (prompt.IsEmpty)
        {
            return PromptFeatures.None;
        }

        var (traits, sketch) = PromptWords.Read(
            prompt,
            static words => (PromptClassifier.FromWords(words), TemplateSketch.FromWords(words)));
        return new PromptFeatures(prompt.Length, traits, sketch);
    }
}

using InvestigationConsole.Application.Common;
using InvestigationConsole.Detection.Features;
using Microsoft.EntityFrameworkCore;

namespace InvestigationConsole.Application.Investigation;

/// <summary>A piece of prompt text, marked when it is a phrase that named one of the elicitation techniques.</summary>
public sealed record PromptSegment(string Text, PromptTraits Pattern)
{
    public bool IsPattern => Pattern != PromptTraits.None;
}

/// <summary>A kept prompt, cut into plain and pattern segments so a page can render each as text.</summary>
public sealed record EvidenceSample(string RequestId, DateTimeOffset Timestamp, string Model, PromptTraits Traits, IReadOnlyList<PromptSegment> Segments);

/// <summary>The prompts kept as evidence for an account (its reservoir sample), newest first, with their patterns located.</summary>
public sealed class EvidenceSamplesQuery(IConsoleDbContextFactory contexts)
{
    public async Task<IReadOnlyList<EvidenceSample>> ReadAsync(int accountKey, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = contexts.Create();
        var samples = await db.PromptSamples.AsNoTracking()
            .Where(s => s.AccountKey == accountKey)
            .OrderByDescending(s => s.Timestamp)
            .Take(Math.Clamp(take, 1, 200))
            .ToListAsync(cancellationToken);
        var names = await ModelNames.ReadAsync(db, samples.Select(s => s.ModelId), cancellationToken);
        return samples
            .Select(s => new EvidenceSample(s.RequestId, s.Timestamp, names.GetValueOrDefault(s.ModelId, $"model #{s.ModelId}"), (PromptTraits)s.Traits, Segment(s.Prompt)))
            .ToArray();
    }

    public static IReadOnlyList<PromptSegment> Segment(string prompt)
    {
        var segments = new List<PromptSegment>();
        var at = 0;
        foreach (var span in PromptClassifier.Locate(prompt))
        {
            if (span.Start > at)
            {
                segments.Add(new PromptSegment(prompt[at..span.Start], PromptTraits.None));
            }

            segments.Add(new PromptSegment(prompt.Substring(span.Start, span.Length), span.Traits));
            at = span.Start + span.Length;
        }

        if (at < prompt.Length)
        {
            segments.Add(new PromptSegment(prompt[at..], PromptTraits.None));
        }

        return segments;
    }
}

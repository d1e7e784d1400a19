using System.Numerics;

namespace InvestigationConsole.Detection.Features;

/// <summary>
/// What a prompt asks for. The low byte holds how it asks (the elicitation techniques distillation
/// campaigns rely on, and ordinary conversation as their benign counterpart); the bits above it
/// hold the capability areas a campaign sweeps through.
/// </summary>
[Flags]
public enum PromptTraits
{
    None = 0,

    /// <summary>Asks for the full reasoning: "think step by step", "show all your work".</summary>
    ChainOfThought = 1 << 0,

    /// <summary>Uses the model as grader or reward model: "score this response 1-10 against the rubric".</summary>
    RubricGrading = 1 << 1,

    /// <summary>Rewrites a politically sensitive answer into a "safe", officially acceptable one.</summary>
    CensorshipRewrite = 1 << 2,

    /// <summary>Role-play and small talk: the ordinary chat a consumer product sees.</summary>
    Conversation = 1 << 3,

    /// <summary>Tool and function calling, agent loops, computer use.</summary>
    AgenticToolUse = 1 << 8,

    Coding = 1 << 9,
    Math = 1 << 10,
    DataAnalysis = 1 << 11,
    Writing = 1 << 12,
    Translation = 1 << 13,
    Summarization = 1 << 14,

    /// <summary>Describing or reading an image, photo, chart or screenshot.</summary>
    Vision = 1 << 15,

    Science = 1 << 16,
    Legal = 1 << 17,
    Medical = 1 << 18,

    /// <summary>Carries one of the Admins' honeypot canary strings: set at ingest from the canary list, not by the classifier.</summary>
    HoneypotCanary = 1 << 24,
}

public static class PromptTraitsExtensions
{
    /// <summary>The traits that name a capability area, as opposed to a way of asking.</summary>
    public const PromptTraits CapabilityAreaTraits =
        PromptTraits.AgenticToolUse | PromptTraits.Coding | PromptTraits.Math | PromptTraits.DataAnalysis
        | PromptTraits.Writing | PromptTraits.Translation | PromptTraits.Summarization | PromptTraits.Vision
        | PromptTraits.Science | PromptTraits.Legal | PromptTraits.Medical;

    /// <summary>How many capability areas the traits touch; over the union of an account's traits, its capability coverage.</summary>
    public static int CapabilityAreas(this PromptTraits traits) =>
        BitOperations.PopCount((uint)(traits & CapabilityAreaTraits));
}

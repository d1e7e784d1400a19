using System.Globalization;
using InvestigationConsole.Application.Investigation;
using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Web.Components.Pages.Investigation;

/// <summary>How the investigation pages write times, attributes and patterns.</summary>
public static class InvestigationFormat
{
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string Attribute(SharedAttributeKind kind) => kind switch
    {
        SharedAttributeKind.PaymentFingerprint => "Payment fingerprint",
        SharedAttributeKind.SignupIp => "Signup IP",
        SharedAttributeKind.SignupNetwork => "Signup network",
        SharedAttributeKind.RequestNetwork => "Request network",
        SharedAttributeKind.Organisation => "Organisation",
        _ => kind.ToString(),
    };

    public static string Match(SearchMatch match) => match switch
    {
        SearchMatch.AccountId => "account id",
        SearchMatch.AccountIdPrefix => "account id prefix",
        SearchMatch.Organisation => "organisation",
        SearchMatch.PaymentFingerprint => "payment fingerprint",
        SearchMatch.RequestAddress => "request address",
        SearchMatch.SignupAddress => "signup address",
        SearchMatch.Cluster => "cluster member",
        _ => match.ToString(),
    };

    /// <summary>The CSS class that colours a located phrase by the technique it names.</summary>
    public static string PatternClass(PromptTraits pattern) =>
        pattern.HasFlag(PromptTraits.ChainOfThought) ? "pattern pattern-cot"
        : pattern.HasFlag(PromptTraits.RubricGrading) ? "pattern pattern-rubric"
        : "pattern pattern-tool";

    public static string PatternName(PromptTraits pattern) => string.Join(", ", new[]
    {
        pattern.HasFlag(PromptTraits.ChainOfThought) ? "chain-of-thought" : null,
        pattern.HasFlag(PromptTraits.RubricGrading) ? "rubric grading" : null,
        pattern.HasFlag(PromptTraits.AgenticToolUse) ? "tool use" : null,
    }.Where(n => n is not null));
}

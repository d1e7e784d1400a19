using System.Text.Json;

namespace InvestigationConsole.Web.Components.Pages.Audit;

/// <summary>An audit entry's details as the log shows them.</summary>
internal static class AuditDetails
{
    /// <summary>
    /// The details' fields in their order when they are a JSON object (a string as its text, any other value as its
    /// JSON); null for any other text, which the log shows as it is.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Fields(string? details)
    {
        if (string.IsNullOrWhiteSpace(details) || !details.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(details);
            return
            [
                .. document.RootElement.EnumerateObject().Select(p =>
                    KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())),
            ];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

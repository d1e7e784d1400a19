using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace InvestigationConsole.Application.Tests.Simulation;

/// <summary>The gateway export contract (shared/contracts/*.schema.json) as checks on one parsed line.</summary>
internal static partial class ExportContract
{
    public const int MaxLineBytes = 1 << 20;

    private static readonly string[] Verifications = ["none", "email", "phone", "id_document"];
    private static readonly string[] Tiers = ["free", "tier1", "tier2", "tier3", "tier4", "enterprise"];

    /// <summary>Why a request line breaks the contract, or null when it is valid.</summary>
    public static string? RequestViolation(string line) => Check(line, root =>
        String(root, "request_id", required: true, 1, 64)
        ?? Timestamp(root, "ts", required: true)
        ?? String(root, "account_id", required: true, 1, 64)
        ?? String(root, "api_key_id", required: false, 0, 64)
        ?? Ip(root, "ip", required: true)
        ?? String(root, "user_agent", required: false, 0, 512)
        ?? String(root, "model", required: true, 1, 128)
        ?? String(root, "endpoint", required: false, 0, 256)
        ?? Integer(root, "input_tokens", required: true, 0)
        ?? Integer(root, "output_tokens", required: true, 0)
        ?? Integer(root, "latency_ms", required: false, 0)
        ?? Integer(root, "status", required: true, long.MinValue)
        ?? Integer(root, "tool_count", required: false, 0)
        ?? Integer(root, "turns", required: false, 1)
        ?? Pattern(root, "system_prompt_sha256", Sha256())
        ?? String(root, "prompt", required: false, 0, 4000));

    /// <summary>Why an accounts line breaks the contract, or null when it is valid.</summary>
    public static string? AccountViolation(string line) => Check(line, root =>
        String(root, "account_id", required: true, 1, 64)
        ?? String(root, "org_id", required: false, 0, 64)
        ?? Timestamp(root, "created_at", required: true)
        ?? String(root, "email_domain", required: true, 1, 253)
        ?? (root.GetProperty("email_domain").GetString() is { } domain && domain != domain.ToLowerInvariant() ? "email_domain not lower case" : null)
        ?? Pattern(root, "email_local_sha256", Sha256())
        ?? String(root, "payment_fingerprint", required: false, 0, 128)
        ?? Pattern(root, "billing_country", Country())
        ?? Ip(root, "signup_ip", required: false)
        ?? OneOf(root, "verification", Verifications)
        ?? OneOf(root, "tier", Tiers));

    private static string? Check(string line, Func<JsonElement, string?> rules)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(line) > MaxLineBytes)
        {
            return "line longer than 1 MiB";
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object ? rules(document.RootElement) : "not an object";
        }
        catch (JsonException exception)
        {
            return $"invalid JSON: {exception.Message}";
        }
    }

    private static string? String(JsonElement root, string name, bool required, int min, int max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? $"{name} missing" : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return $"{name} is not a string";
        }

        var length = value.GetString()!.Length;
        return length < min || length > max ? $"{name} has {length} characters" : null;
    }

    private static string? Integer(JsonElement root, string name, bool required, long minimum)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? $"{name} missing" : null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            return $"{name} is not an integer";
        }

        return number < minimum ? $"{name} below {minimum}" : null;
    }

    private static string? Timestamp(JsonElement root, string name, bool required)
    {
        var error = String(root, name, required, 1, 64);
        if (error is not null || !root.TryGetProperty(name, out var value))
        {
            return error;
        }

        var text = value.GetString()!;
        return Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : $"{name} '{text}' is not RFC 3339";
    }

    private static string? Ip(JsonElement root, string name, bool required)
    {
        var error = String(root, name, required, 1, 64);
        if (error is not null || !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return error;
        }

        var text = value.GetString()!;
        var valid = text.Contains(':')
            ? IPAddress.TryParse(text, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            : DottedQuad().IsMatch(text) && text.Split('.').All(octet => int.Parse(octet, CultureInfo.InvariantCulture) <= 255);
        return valid ? null : $"{name} '{text}' is not an IP address";
    }

    private static string? Pattern(JsonElement root, string name, Regex pattern)
    {
        var error = String(root, name, required: false, 0, 256);
        if (error is not null || !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return error;
        }

        return pattern.IsMatch(value.GetString()!) ? null : $"{name} does not match {pattern}";
    }

    private static string? OneOf(JsonElement root, string name, string[] allowed)
    {
        var error = String(root, name, required: true, 1, 64);
        return error ?? (allowed.Contains(root.GetProperty(name).GetString()) ? null : $"{name} not one of {string.Join(", ", allowed)}");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();
}

using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>
/// Walks the top-level object of one line and reads field values under the contract's rules.
/// Readers return a <see cref="LineFault"/> (allocated only on failure) instead of throwing, so a file of bad lines stays fast;
/// JSON syntax errors still surface as <see cref="JsonException"/> from <see cref="Utf8JsonReader"/>.
/// </summary>
internal ref struct JsonLineCursor
{
    private static readonly SearchValues<byte> LowerHexDigits = SearchValues.Create("0123456789abcdef"u8);

    private Utf8JsonReader _reader;
    private bool _onValue;

    public JsonLineCursor(ReadOnlySpan<byte> line)
    {
        _reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
    }

    /// <summary>Moves onto the line's object; a line holding any other JSON value is read to its end and reported as <see cref="RejectionReason.WrongType"/>.</summary>
    public LineFault? EnterObject()
    {
        _reader.Read();
        if (_reader.TokenType == JsonTokenType.StartObject)
        {
            return null;
        }

        var found = Describe(_reader.TokenType);
        _reader.Skip();
        ExpectEndOfLine();
        return new LineFault(RejectionReason.WrongType, null, $"line must be a JSON object but is {found}");
    }

    /// <summary>
    /// Moves onto the next property's value and gives its (unescaped) name; false after the closing brace,
    /// once it has checked nothing but whitespace follows. A value the caller did not read is skipped, nested or not.
    /// </summary>
    public bool NextProperty(out ReadOnlySpan<byte> name)
    {
        if (_onValue && _reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            _reader.Skip();
        }

        _reader.Read();
        if (_reader.TokenType == JsonTokenType.EndObject)
        {
            ExpectEndOfLine();
            _onValue = false;
            name = default;
            return false;
        }

        name = _reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(GetString()) : _reader.ValueSpan;
        _reader.Read();
        _onValue = true;
        return true;
    }

    public readonly LineFault? ReadString(string field, bool required, int minLength, int maxLength, out string? value)
    {
        value = null;
        if (CheckType(field, required, JsonTokenType.String, "a string") is { } fault)
        {
            return fault;
        }

        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        value = GetString();
        if (value.Length >= minLength && value.Length <= maxLength)
        {
            return null;
        }

        // maxLength counts characters (code points), not UTF-16 units: a string of surrogate pairs may still fit.
        var length = CountCodePoints(value);
        if (length >= minLength && length <= maxLength)
        {
            return null;
        }

        value = null;
        var limit = minLength > 0 ? $"{minLength}–{maxLength}" : $"at most {maxLength}";
        return new LineFault(RejectionReason.ValueOutOfRange, field, $"field '{field}' must be {limit} characters long but has {length}");
    }

    /// <summary>Reads a string constrained to <c>^[0-9a-f]{64}$</c> (a SHA-256 in lower-case hex).</summary>
    public readonly LineFault? ReadSha256Hex(string field, out string? value)
    {
        value = null;
        if (CheckType(field, required: false, JsonTokenType.String, "a string") is { } fault)
        {
            return fault;
        }

        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = ValueBytes();
        if (text.Length != 64 || text.ContainsAnyExcept(LowerHexDigits))
        {
            return new LineFault(RejectionReason.ValueOutOfRange, field, $"field '{field}' must be 64 lower-case hex characters (^[0-9a-f]{{64}}$) but is '{Preview(text)}'");
        }

        value = Encoding.ASCII.GetString(text);
        return null;
    }

    /// <summary>Reads a string constrained to <c>^[A-Z]{2}$</c> (an ISO 3166-1 alpha-2 code).</summary>
    public readonly LineFault? ReadCountryCode(string field, out string? value)
    {
        value = null;
        if (CheckType(field, required: false, JsonTokenType.String, "a string") is { } fault)
        {
            return fault;
        }

        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = ValueBytes();
        if (text.Length != 2 || !char.IsAsciiLetterUpper((char)text[0]) || !char.IsAsciiLetterUpper((char)text[1]))
        {
            return new LineFault(RejectionReason.ValueOutOfRange, field, $"field '{field}' must be two upper-case letters (^[A-Z]{{2}}$) but is '{Preview(text)}'");
        }

        value = Encoding.ASCII.GetString(text);
        return null;
    }

    public readonly LineFault? ReadTimestamp(string field, out DateTimeOffset value)
    {
        value = default;
        if (CheckType(field, required: true, JsonTokenType.String, "an RFC 3339 timestamp string") is { } fault)
        {
            return fault;
        }

        var text = ValueBytes();
        return Rfc3339Timestamp.TryParse(text, out value)
            ? null
            : new LineFault(RejectionReason.BadTimestamp, field, $"field '{field}' is not an RFC 3339 timestamp: '{Preview(text)}'");
    }

    public readonly LineFault? ReadIpAddress(string field, bool required, out IPAddress? value)
    {
        value = null;
        if (CheckType(field, required, JsonTokenType.String, "an IP address string") is { } fault)
        {
            return fault;
        }

        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var text = ValueBytes();
        return IpAddressText.TryParse(text, out value)
            ? null
            : new LineFault(RejectionReason.BadIpAddress, field, $"field '{field}' is not an IPv4 or IPv6 address: '{Preview(text)}'");
    }

    /// <summary>Reads a string that must be one of <paramref name="names"/>; the result is its index there.</summary>
    public readonly LineFault? ReadEnumeration(string field, ReadOnlySpan<string> names, out int index)
    {
        index = -1;
        if (CheckType(field, required: true, JsonTokenType.String, "a string") is { } fault)
        {
            return fault;
        }

        var text = ValueBytes();
        for (var i = 0; i < names.Length; i++)
        {
            if (Ascii.Equals(text, names[i]))
            {
                index = i;
                return null;
            }
        }

        return new LineFault(RejectionReason.ValueOutOfRange, field, $"field '{field}' must be one of {string.Join(", ", names)} but is '{Preview(text)}'");
    }

    /// <summary>
    /// Reads an integer in [<paramref name="minimum"/>, <paramref name="maximum"/>]. A value below a minimum of 0 or more
    /// that is itself negative is a <see cref="RejectionReason.NegativeCount"/>; other misses are <see cref="RejectionReason.ValueOutOfRange"/>.
    /// </summary>
    public readonly LineFault? ReadInteger(string field, bool required, long minimum, long maximum, out long? value)
    {
        value = null;
        if (CheckType(field, required, JsonTokenType.Number, "an integer") is { } fault)
        {
            return fault;
        }

        if (_reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (!_reader.TryGetInt64(out var number))
        {
            switch (JsonInteger.Classify(_reader.ValueSpan, out number))
            {
                case JsonIntegerKind.NotIntegral:
                    return new LineFault(RejectionReason.WrongType, field, $"field '{field}' must be an integer but is {Preview(_reader.ValueSpan)}");
                case JsonIntegerKind.OutOfRange when _reader.ValueSpan[0] == '-' && minimum >= 0:
                    return new LineFault(RejectionReason.NegativeCount, field, $"field '{field}' is a count and must not be negative but is {Preview(_reader.ValueSpan)}");
                case JsonIntegerKind.OutOfRange:
                    return new LineFault(RejectionReason.ValueOutOfRange, field, $"field '{field}' must be between {minimum} and {maximum} but is {Preview(_reader.ValueSpan)}");
            }
        }

        if (number < 0 && minimum >= 0)
        {
            return new LineFault(RejectionReason.NegativeCount, field, $"field '{field}' is a count and must not be negative but is {number}");
        }

        if (number < minimum || number > maximum)
        {
            return new LineFault(RejectionReason.ValueOutOfRange, field, $"field '{field}' must be between {minimum} and {maximum} but is {number}");
        }

        value = number;
        return null;
    }

    private readonly LineFault? CheckType(string field, bool required, JsonTokenType expected, string expectedText)
    {
        var actual = _reader.TokenType;
        if (actual == expected || (actual == JsonTokenType.Null && !required))
        {
            return null;
        }

        var message = actual == JsonTokenType.Null
            ? $"required field '{field}' is null"
            : $"field '{field}' must be {expectedText} but is {Describe(actual)}";
        return new LineFault(RejectionReason.WrongType, field, message);
    }

    private readonly string GetString()
    {
        try
        {
            return _reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON grammar but no text; the line is treated as invalid JSON.
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <summary>The current string's UTF-8 bytes, unescaped (escapes are rare in these values, so that path may allocate).</summary>
    private readonly ReadOnlySpan<byte> ValueBytes() =>
        _reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(GetString()) : _reader.ValueSpan;

    private void ExpectEndOfLine()
    {
        // Throws JsonException when anything but whitespace follows the value.
        _reader.Read();
    }

    private static int CountCodePoints(string value)
    {
        var count = value.Length;
        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsLowSurrogate(value[i]) && char.IsHighSurrogate(value[i - 1]))
            {
                count--;
            }
        }

        return count;
    }

    private static string Preview(ReadOnlySpan<byte> text)
    {
        const int max = 80;
        return text.Length <= max ? Encoding.UTF8.GetString(text) : Encoding.UTF8.GetString(text[..max]) + "…";
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>Why a line was quarantined instead of ingested.</summary>
public enum RejectionReason
{
    /// <summary>Not JSON (syntax, invalid UTF-8, an unpaired surrogate escape, or more than one value on the line).</summary>
    InvalidJson,

    /// <summary>Longer than <see cref="GatewayFileReader.MaxLineBytes"/> bytes, not counting the line end.</summary>
    LineTooLong,

    /// <summary>A required field is absent.</summary>
    MissingField,

    /// <summary>A field holds the wrong JSON type, including <c>null</c> in a required field (JSON Schema's <c>required</c> is met by presence; the type check is what fails), a non-integral number where an integer is due, or a line that is not an object.</summary>
    WrongType,

    /// <summary>A timestamp that is not RFC 3339 (<c>YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)</c>) or names no real instant.</summary>
    BadTimestamp,

    /// <summary>An address that is not a plain IPv4 dotted quad or IPv6 address.</summary>
    BadIpAddress,

    /// <summary>A count (tokens, latency, tools, turns) below zero.</summary>
    NegativeCount,

    /// <summary>A schema constraint other than type: length, pattern, enumeration, <c>turns</c> of 0, or an integer too large for its field.</summary>
    ValueOutOfRange,

    /// <summary>The file ends in the middle of a line, or its gzip data is truncated or damaged; everything from that line on is this one rejection.</summary>
    TruncatedInput,
}

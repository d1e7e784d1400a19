using System.Text.Json;
using System.Text.Unicode;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>Turns the bytes of one non-blank line into an accepted record or a rejection.</summary>
internal static class GatewayLineParser
{
    /// <param name="terminated">False for a last line with no line end: if that does not parse, the file was cut off (TruncatedInput, not InvalidJson).</param>
    public static GatewayLine Parse(GatewayStream stream, ReadOnlySpan<byte> line, long lineNumber, bool terminated)
    {
        LineFault? fault;
        try
        {
            if (!Utf8.IsValid(line))
            {
                fault = NotJson(terminated, "line is not valid UTF-8");
            }
            else if (stream == GatewayStream.Requests)
            {
                fault = RequestLineParser.Parse(line, out var request);
                if (fault is null)
                {
                    return GatewayLine.Accepted(lineNumber, request!);
                }
            }
            else
            {
                fault = AccountLineParser.Parse(line, out var account);
                if (fault is null)
                {
                    return GatewayLine.Accepted(lineNumber, account!);
                }
            }
        }
        catch (JsonException ex)
        {
            fault = NotJson(terminated, Describe(ex));
        }

        return GatewayLine.Rejected(fault.ToRejection(lineNumber, line));
    }

    /// <summary>The reader's message without its "LineNumber: 0 | BytePositionInLine: n" tail, which would clash with the file's line number.</summary>
    private static string Describe(JsonException ex)
    {
        var reason = ex.Message;
        var tail = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (tail > 0)
        {
            reason = reason[..tail];
        }

        return ex.BytePositionInLine is { } position
            ? $"line is not valid JSON at byte {position}: {reason}"
            : $"line is not valid JSON: {reason}";
    }

    private static LineFault NotJson(bool terminated, string message) => terminated
        ? new LineFault(RejectionReason.InvalidJson, null, message)
        : new LineFault(RejectionReason.TruncatedInput, null, $"the file ends in the middle of a line (no final line end, and the text is not complete JSON): {message}");
}

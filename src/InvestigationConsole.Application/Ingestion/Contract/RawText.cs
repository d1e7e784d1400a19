using System.Text;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>Turns a rejected line's bytes into quarantine text of at most <see cref="LineRejection.MaxRawTextBytes"/> UTF-8 bytes.</summary>
internal static class RawText
{
    public static string Cut(ReadOnlySpan<byte> line)
    {
        const int max = LineRejection.MaxRawTextBytes;
        if (line.Length > max)
        {
            var cut = max;
            for (var back = 0; back < 3 && cut > 0 && IsContinuationByte(line[cut]); back++)
            {
                cut--;
            }

            line = line[..cut];
        }

        var text = Encoding.UTF8.GetString(line);

        // Invalid bytes decode to U+FFFD, three bytes each, which can push the text past the limit again.
        if (text.Length * 3 > max && Encoding.UTF8.GetByteCount(text) > max)
        {
            text = TrimToUtf8Bytes(text, max);
        }

        return text;
    }

    private static bool IsContinuationByte(byte b) => (b & 0xC0) == 0x80;

    private static string TrimToUtf8Bytes(string text, int maxBytes)
    {
        var bytes = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }

            bytes += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }

        return text[..end];
    }
}

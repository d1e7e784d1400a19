namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>
/// Parses RFC 3339 <c>date-time</c> from UTF-8: <c>YYYY-MM-DD(T|t)HH:MM:SS[.fraction](Z|z|±HH:MM)</c>.
/// Stricter than <c>DateTimeOffset.TryParse</c>, which would accept a missing offset and read it as the machine's local time.
/// </summary>
internal static class Rfc3339Timestamp
{
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset utc)
    {
        utc = default;
        if (text.Length < 20
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day) || (text[10] | 0x20) != 't'
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute) || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (text[i] == '.')
        {
            i++;
            var start = i;
            var scale = TimeSpan.TicksPerSecond;
            while (i < text.Length && IsDigit(text[i]))
            {
                // Digits beyond the 7th are below a tick's resolution: read, then dropped.
                if (scale > 1)
                {
                    scale /= 10;
                    fractionTicks += (text[i] - '0') * scale;
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= text.Length)
        {
            return false;
        }

        long offsetTicks;
        if ((text[i] | 0x20) == 'z')
        {
            offsetTicks = 0;
            i++;
        }
        else if (text[i] is (byte)'+' or (byte)'-')
        {
            if (i + 6 != text.Length
                || !TryDigits(text, i + 1, 2, out var offsetHours) || text[i + 3] != ':'
                || !TryDigits(text, i + 4, 2, out var offsetMinutes)
                || offsetHours > 23 || offsetMinutes > 59)
            {
                return false;
            }

            offsetTicks = (offsetHours * TimeSpan.TicksPerHour) + (offsetMinutes * TimeSpan.TicksPerMinute);
            if (text[i] == '-')
            {
                offsetTicks = -offsetTicks;
            }

            i += 6;
        }
        else
        {
            return false;
        }

        if (i != text.Length)
        {
            return false;
        }

        // A leap second (:60) is valid RFC 3339; DateTime cannot hold it, so it becomes the first instant of the next minute.
        var ticks = new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Utc).Ticks
            + (second == 60 ? TimeSpan.TicksPerSecond : 0)
            + fractionTicks
            - offsetTicks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}

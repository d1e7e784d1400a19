namespace InvestigationConsole.Application.Ingestion.Contract;

internal enum JsonIntegerKind
{
    NotIntegral,
    Integral,
    OutOfRange,
}

/// <summary>
/// Classifies a JSON number that <c>TryGetInt64</c> refused. JSON Schema's "integer" is any number with a zero fraction,
/// so 412.0 and 4.12e2 are integers (exporters that go through floating point write them) while 1.5 is not.
/// Works on the digits, not on double or decimal, so 1e-400 or 30 significant digits are judged exactly.
/// </summary>
internal static class JsonInteger
{
    public static JsonIntegerKind Classify(ReadOnlySpan<byte> number, out long value)
    {
        value = 0;
        var i = 0;
        var negative = number[0] == '-';
        if (negative)
        {
            i++;
        }

        var integerStart = i;
        while (i < number.Length && IsDigit(number[i]))
        {
            i++;
        }

        var integerDigits = number[integerStart..i];
        ReadOnlySpan<byte> fractionDigits = default;
        if (i < number.Length && number[i] == '.')
        {
            var fractionStart = ++i;
            while (i < number.Length && IsDigit(number[i]))
            {
                i++;
            }

            fractionDigits = number[fractionStart..i];
        }

        long exponent = 0;
        if (i < number.Length && (number[i] | 0x20) == 'e')
        {
            i++;
            var exponentNegative = number[i] == '-';
            if (number[i] is (byte)'-' or (byte)'+')
            {
                i++;
            }

            for (; i < number.Length; i++)
            {
                // Clamped: anything past a million digits decides the same way.
                exponent = Math.Min((exponent * 10) + (number[i] - '0'), 1_000_000);
            }

            if (exponentNegative)
            {
                exponent = -exponent;
            }
        }

        // The value is digits × 10^scale, where digits = integer digits followed by fraction digits.
        var digitCount = integerDigits.Length + fractionDigits.Length;
        var scale = exponent - fractionDigits.Length;
        var first = 0;
        while (first < digitCount && DigitAt(integerDigits, fractionDigits, first) == 0)
        {
            first++;
        }

        if (first == digitCount)
        {
            return JsonIntegerKind.Integral;
        }

        var last = digitCount - 1;
        while (DigitAt(integerDigits, fractionDigits, last) == 0)
        {
            last--;
            scale++;
        }

        if (scale < 0)
        {
            return JsonIntegerKind.NotIntegral;
        }

        var significant = last - first + 1;
        if (significant + scale > 19)
        {
            return JsonIntegerKind.OutOfRange;
        }

        ulong magnitude = 0;
        for (var d = first; d <= last; d++)
        {
            magnitude = (magnitude * 10) + (ulong)DigitAt(integerDigits, fractionDigits, d);
        }

        for (var s = 0; s < scale; s++)
        {
            magnitude *= 10;
        }

        var limit = negative ? (ulong)long.MaxValue + 1 : long.MaxValue;
        if (magnitude > limit)
        {
            return JsonIntegerKind.OutOfRange;
        }

        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return JsonIntegerKind.Integral;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int DigitAt(ReadOnlySpan<byte> integerDigits, ReadOnlySpan<byte> fractionDigits, int index) =>
        index < integerDigits.Length ? integerDigits[index] - '0' : fractionDigits[index - integerDigits.Length] - '0';
}

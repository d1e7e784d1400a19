namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// Least-significant-digit radix sort of 64-bit keys (11 bits a pass, passes over digits on which every key agrees
/// skipped), with an optional item per key moved along. Stable, linear: the link graph sorts tens of millions of keys,
/// where a comparison sort of two arrays was a large share of its time.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Digits = 1 << DigitBits;
    private const ulong Mask = Digits - 1;

    public static void Sort(ulong[] keys, int[]? items, int count)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (items is not null && items.Length < count)
        {
            throw new ArgumentException("Fewer items than keys.", nameof(items));
        }

        if (count < 2)
        {
            return;
        }

        ulong any = 0, all = ulong.MaxValue;
        for (var i = 0; i < count; i++)
        {
            any |= keys[i];
            all &= keys[i];
        }

        var varying = any ^ all;
        if (varying == 0)
        {
            return;
        }

        var source = keys;
        var sourceItems = items;
        var target = GC.AllocateUninitializedArray<ulong>(count);
        var targetItems = items is null ? null : GC.AllocateUninitializedArray<int>(count);
        var offsets = new int[Digits];
        for (var shift = 0; shift < 64; shift += DigitBits)
        {
            if (((varying >> shift) & Mask) == 0)
            {
                continue;
            }

            Array.Clear(offsets);
            for (var i = 0; i < count; i++)
            {
                offsets[(int)((source[i] >> shift) & Mask)]++;
            }

            var sum = 0;
            for (var d = 0; d < Digits; d++)
            {
                var n = offsets[d];
                offsets[d] = sum;
                sum += n;
            }

            for (var i = 0; i < count; i++)
            {
                var to = offsets[(int)((source[i] >> shift) & Mask)]++;
                target[to] = source[i];
                if (sourceItems is not null)
                {
                    targetItems![to] = sourceItems[i];
                }
            }

            (source, target) = (target, source);
            (sourceItems, targetItems) = (targetItems, sourceItems);
        }

        if (!ReferenceEquals(source, keys))
        {
            Array.Copy(source, keys, count);
            if (items is not null)
            {
                Array.Copy(sourceItems!, items, count);
            }
        }
    }

    /// <summary>The first index of <paramref name="sorted"/> holding <paramref name="value"/> or more (its length if none).</summary>
    internal static int LowerBound(ulong[] sorted, ulong value)
    {
        var (low, high) = (0, sorted.Length);
        while (low < high)
        {
            var middle = (int)(((uint)low + (uint)high) >> 1);
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

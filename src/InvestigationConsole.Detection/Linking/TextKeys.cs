using System.Collections.Concurrent;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// Numbers texts in order of first appearance (the first distinct text 0, the next 1, ...) without a dictionary of
/// strings: at seed scale request addresses are 6M texts over 1.6M distinct ones, and one thread probing a string
/// dictionary for each was the longest single step of the link graph.
/// </summary>
/// <remarks>
/// Each text's hash is sorted with its position (a stable radix sort, so equal hashes keep their positions'
/// order): a run of equal hashes starts at its first appearance. Every text is compared with its run's first, and a run
/// holding different texts (a collision) is split by text, so the numbers are exact whatever the hash. A distinct
/// text's number is the rank of its first position among all first positions: what a dictionary filled in order gives.
/// </remarks>
internal static class TextKeys
{
    /// <summary>The texts are hashed and checked in about this many parts, in parallel.</summary>
    private const int Parts = 16;

    /// <summary>
    /// Each text's number, and the distinct texts by number. Hashes of 32 bits take three radix passes instead of six;
    /// the few hundred collisions they give among millions of texts are split like any other.
    /// </summary>
    public static (ulong[] Keys, string[] Distinct) Number(string[] texts) => Number(texts, Hash, [], out _);

    /// <summary>As <see cref="Number(string[])"/>, and the numbers of the <paramref name="find"/> texts that occur (in no set order).</summary>
    public static (ulong[] Keys, string[] Distinct) Number(string[] texts, IEnumerable<string> find, out ulong[] found) => Number(texts, Hash, find, out found);

    internal static (ulong[] Keys, string[] Distinct) Number(string[] texts, Func<string, ulong> hash) => Number(texts, hash, [], out _);

    /// <param name="texts">The texts in order of appearance.</param>
    /// <param name="hash">A hash of a text; tests pass a poor one to force collisions.</param>
    /// <param name="find">Texts whose numbers are wanted: looked up by hash among the sorted hashes, not by a pass over every text.</param>
    /// <param name="found">The numbers of the <paramref name="find"/> texts that occur among <paramref name="texts"/>.</param>
    internal static (ulong[] Keys, string[] Distinct) Number(string[] texts, Func<string, ulong> hash, IEnumerable<string> find, out ulong[] found)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var count = texts.Length;
        var hashes = GC.AllocateUninitializedArray<ulong>(count);
        var positions = GC.AllocateUninitializedArray<int>(count);
        Parallel.For(0, Parts, part =>
        {
            for (var i = PartStart(part, count); i < PartStart(part + 1, count); i++)
            {
                hashes[i] = hash(texts[i]);
                positions[i] = i;
            }
        });
        RadixSort.Sort(hashes, positions, count);

        // Each position points at the first position of its hash, then is checked against it in position order: one
        // text of each pair read at random rather than both.
        var firstOf = GC.AllocateUninitializedArray<int>(count);
        for (var start = 0; start < count;)
        {
            var end = RunEnd(hashes, start);
            for (var k = start; k < end; k++)
            {
                firstOf[positions[k]] = positions[start];
            }

            start = end;
        }

        var collided = new ConcurrentBag<ulong>();
        Parallel.For(0, Parts, part =>
        {
            for (var i = PartStart(part, count); i < PartStart(part + 1, count); i++)
            {
                if (firstOf[i] != i && !string.Equals(texts[i], texts[firstOf[i]], StringComparison.Ordinal))
                {
                    collided.Add(hash(texts[i]));
                }
            }
        });
        foreach (var collision in collided.Distinct())
        {
            var start = Array.BinarySearch(hashes, collision);
            while (start > 0 && hashes[start - 1] == collision)
            {
                start--;
            }

            SplitByText(texts, positions.AsSpan(start, RunEnd(hashes, start) - start), firstOf);
        }

        var keys = GC.AllocateUninitializedArray<ulong>(count);
        var distinct = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if (firstOf[i] == i)
            {
                keys[i] = (ulong)distinct.Count;
                distinct.Add(texts[i]);
            }
            else
            {
                keys[i] = keys[firstOf[i]];
            }
        }

        var numbers = new HashSet<ulong>();
        foreach (var text in find)
        {
            var h = hash(text);
            for (var k = RadixSort.LowerBound(hashes, h); k < count && hashes[k] == h; k++)
            {
                if (string.Equals(texts[positions[k]], text, StringComparison.Ordinal))
                {
                    numbers.Add(keys[positions[k]]);
                    break;
                }
            }
        }

        found = [.. numbers];
        return (keys, [.. distinct]);
    }

    private static ulong Hash(string text) => StableHash.Of(text) >> 32;

    private static int PartStart(int part, int count) => (int)((long)count * part / Parts);

    private static int RunEnd(ulong[] hashes, int start)
    {
        var end = start + 1;
        while (end < hashes.Length && hashes[end] == hashes[start])
        {
            end++;
        }

        return end;
    }

    /// <summary>
    /// Points each position of a run whose hash collided (positions ascending) at the first position of its text: each
    /// text is looked up among the texts met so far in the run.
    /// </summary>
    private static void SplitByText(ReadOnlySpan<string> texts, ReadOnlySpan<int> run, int[] firstOf)
    {
        var firsts = new List<int>();
        foreach (var position in run)
        {
            var found = position;
            foreach (var earlier in firsts)
            {
                if (string.Equals(texts[earlier], texts[position], StringComparison.Ordinal))
                {
                    found = earlier;
                    break;
                }
            }

            if (found == position)
            {
                firsts.Add(position);
            }

            firstOf[position] = found;
        }
    }
}

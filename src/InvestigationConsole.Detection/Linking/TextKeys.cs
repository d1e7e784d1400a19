using System.Runtime.InteropServices;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Linking;

/// <summary>
/// Numbers texts in order of first appearance (the first distinct text 0, the next 1, ...) without a dictionary of
/// strings: at seed scale request addresses are 6M texts over 1.6M distinct ones, and one thread probing a string
/// dictionary for each was the longest single step of the link graph.
/// </summary>
/// <remarks>
/// Each text's 64-bit hash is sorted with its position (a stable radix sort, so equal hashes keep their positions'
/// order): a run of equal hashes starts at its first appearance. Texts inside a run are compared, and a run holding
/// different texts (a collision) is split by text, so the numbers are exact whatever the hash. A distinct text's
/// number is the rank of its first position among all first positions: what a dictionary filled in order gives.
/// </remarks>
internal static class TextKeys
{
    /// <summary>Runs of equal hashes are checked in about this many parts, in parallel.</summary>
    private const int Parts = 16;

    /// <summary>Each text's number, and the distinct texts by number.</summary>
    public static (ulong[] Keys, string[] Distinct) Number(List<string> texts) => Number(texts, StableHash.Of);

    /// <param name="texts">The texts in order of appearance.</param>
    /// <param name="hash">A hash of a text; tests pass a poor one to force collisions.</param>
    internal static (ulong[] Keys, string[] Distinct) Number(List<string> texts, Func<string, ulong> hash)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var count = texts.Count;
        var hashes = GC.AllocateUninitializedArray<ulong>(count);
        var positions = GC.AllocateUninitializedArray<int>(count);
        Parallel.For(0, Parts, part =>
        {
            var all = CollectionsMarshal.AsSpan(texts);
            for (var i = PartStart(part, count); i < PartStart(part + 1, count); i++)
            {
                hashes[i] = hash(all[i]);
                positions[i] = i;
            }
        });
        RadixSort.Sort(hashes, positions, count);

        // Each part starts at a run's start, so every run is checked by one part.
        var firstOf = GC.AllocateUninitializedArray<int>(count);
        Parallel.For(0, Parts, part =>
        {
            var all = CollectionsMarshal.AsSpan(texts);
            var start = RunStart(hashes, PartStart(part, count));
            var end = RunStart(hashes, PartStart(part + 1, count));
            while (start < end)
            {
                var runEnd = start + 1;
                while (runEnd < end && hashes[runEnd] == hashes[start])
                {
                    runEnd++;
                }

                FirstsOfRun(all, positions.AsSpan(start, runEnd - start), firstOf);
                start = runEnd;
            }
        });

        var keys = GC.AllocateUninitializedArray<ulong>(count);
        var distinct = new List<string>();
        var all = CollectionsMarshal.AsSpan(texts);
        for (var i = 0; i < count; i++)
        {
            if (firstOf[i] == i)
            {
                keys[i] = (ulong)distinct.Count;
                distinct.Add(all[i]);
            }
            else
            {
                keys[i] = keys[firstOf[i]];
            }
        }

        return (keys, [.. distinct]);
    }

    private static int PartStart(int part, int count) => (int)((long)count * part / Parts);

    /// <summary>The start of the run of equal hashes at or after <paramref name="index"/>.</summary>
    private static int RunStart(ulong[] hashes, int index)
    {
        while (index > 0 && index < hashes.Length && hashes[index] == hashes[index - 1])
        {
            index++;
        }

        return index;
    }

    /// <summary>
    /// Points each position of a run of equal hashes (positions ascending) at the first position of its text: the run's
    /// first position, unless the hash collided, when the run is split by text.
    /// </summary>
    private static void FirstsOfRun(ReadOnlySpan<string> texts, ReadOnlySpan<int> run, int[] firstOf)
    {
        var first = run[0];
        for (var k = 0; k < run.Length; k++)
        {
            if (!string.Equals(texts[run[k]], texts[first], StringComparison.Ordinal))
            {
                SplitByText(texts, run[k..], first, firstOf);
                return;
            }

            firstOf[run[k]] = first;
        }
    }

    /// <summary>The rest of a run whose hash collided: each position's text is looked up among the texts met so far.</summary>
    private static void SplitByText(ReadOnlySpan<string> texts, ReadOnlySpan<int> rest, int first, int[] firstOf)
    {
        var firsts = new List<int> { first };
        foreach (var position in rest)
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

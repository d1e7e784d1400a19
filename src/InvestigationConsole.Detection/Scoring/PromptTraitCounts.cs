using System.Numerics;
using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Detection.Scoring;

/// <summary>How many of an account's prompts carry each <see cref="PromptTraits"/> flag.</summary>
public sealed class PromptTraitCounts
{
    private const int Slots = 32;
    private readonly long[] _counts = new long[Slots];

    /// <summary>Counts one prompt: every flag it carries.</summary>
    public void Add(PromptTraits traits)
    {
        var bits = (uint)traits;
        while (bits != 0)
        {
            _counts[BitOperations.TrailingZeroCount(bits)]++;
            bits &= bits - 1;
        }
    }

    /// <summary>Sets the count of one flag directly, as a rollup provides it.</summary>
    public void Set(PromptTraits flag, long count) => _counts[SlotOf(flag)] = count;

    /// <summary>The counts by bit position (32 entries), as <see cref="FromSlots"/> takes them.</summary>
    public long[] ToSlots() => (long[])_counts.Clone();

    public static PromptTraitCounts FromSlots(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count != Slots)
        {
            throw new ArgumentException($"Expected {Slots} counts.", nameof(counts));
        }

        var traits = new PromptTraitCounts();
        for (var i = 0; i < Slots; i++)
        {
            traits._counts[i] = counts[i];
        }

        return traits;
    }

    public long this[PromptTraits flag] => _counts[SlotOf(flag)];

    /// <summary>The capability areas holding at least <paramref name="minPrompts"/> prompts.</summary>
    public int CapabilityAreasWith(long minPrompts)
    {
        var areas = 0;
        var bits = (uint)PromptTraitsExtensions.CapabilityAreaTraits;
        while (bits != 0)
        {
            var slot = BitOperations.TrailingZeroCount(bits);
            areas += _counts[slot] >= minPrompts && minPrompts > 0 ? 1 : 0;
            bits &= bits - 1;
        }

        return areas;
    }

    private static int SlotOf(PromptTraits flag)
    {
        if (BitOperations.PopCount((uint)flag) != 1)
        {
            throw new ArgumentException("Exactly one trait flag is expected.", nameof(flag));
        }

        return BitOperations.TrailingZeroCount((uint)flag);
    }
}

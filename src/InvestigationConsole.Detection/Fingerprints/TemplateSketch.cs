using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Fingerprints;

/// <summary>
/// The near-duplicate fingerprint stored with every request: eight LSH band keys of a 32-slot MinHash
/// over the prompt's normalised words. Slot-filled variants of one prompt template share at least one
/// band almost always; unrelated prompts almost never do.
/// </summary>
/// <remarks>
/// The shingles are single words, not word 5-grams: with 8 bands of 4 rows a band only matches reliably
/// above a Jaccard similarity of about 0.75, and every changed word breaks five 5-grams, so templated
/// variants with two or three filled slots would mostly go unmatched.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
public readonly struct TemplateSketch : IEquatable<TemplateSketch>
{
    public const int ByteLength = MinHash.Bands * sizeof(uint);

    private readonly BandKeys _bands;

    private TemplateSketch(BandKeys bands) => _bands = bands;

    /// <summary>The sketch of a prompt with no words: it shares no band with anything, itself included.</summary>
    public static TemplateSketch Empty => default;

    public bool IsEmpty => Keys.IndexOfAnyExcept(0u) < 0;

    public static TemplateSketch Compute(ReadOnlySpan<char> prompt) =>
        PromptWords.Read(prompt, static words => FromWords(words));

    internal static TemplateSketch FromWords(ReadOnlySpan<ulong> words)
    {
        if (words.IsEmpty)
        {
            return Empty;
        }

        Span<uint> signature = stackalloc uint[MinHash.Permutations];
        MinHash.Signature(words, signature);
        var bands = new BandKeys();
        MinHash.BandKeys(signature, bands);
        return new TemplateSketch(bands);
    }

    public uint Band(int i)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(i);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, MinHash.Bands);
        return _bands[i];
    }

    /// <summary>How many of the eight band keys equal the other sketch's key in the same band (0 if either is empty).</summary>
    public int SharedBands(in TemplateSketch other)
    {
        if (IsEmpty || other.IsEmpty)
        {
            return 0;
        }

        var equal = Vector256.Equals(Vector256.Create(Keys), Vector256.Create(other.Keys));
        return BitOperations.PopCount(equal.ExtractMostSignificantBits());
    }

    /// <summary>Writes the eight band keys as 32 little-endian bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, ByteLength, nameof(destination));
        for (var i = 0; i < MinHash.Bands; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[(i * sizeof(uint))..], _bands[i]);
        }
    }

    /// <summary>Reads a sketch written by <see cref="WriteTo"/>.</summary>
    public static TemplateSketch Read(ReadOnlySpan<byte> source)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(source.Length, ByteLength, nameof(source));
        var bands = new BandKeys();
        for (var i = 0; i < MinHash.Bands; i++)
        {
            bands[i] = BinaryPrimitives.ReadUInt32LittleEndian(source[(i * sizeof(uint))..]);
        }

        return new TemplateSketch(bands);
    }

    public bool Equals(TemplateSketch other) => Keys.SequenceEqual(other.Keys);

    public override bool Equals(object? obj) => obj is TemplateSketch other && Equals(other);

    public override int GetHashCode() => (int)_bands[0];

    /// <summary>The 32 stored bytes as hex, for logs and evidence exports.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    public static bool operator ==(TemplateSketch left, TemplateSketch right) => left.Equals(right);

    public static bool operator !=(TemplateSketch left, TemplateSketch right) => !left.Equals(right);

    [UnscopedRef]
    private ReadOnlySpan<uint> Keys => _bands;

    [InlineArray(MinHash.Bands)]
    private struct BandKeys
    {
        private uint _key;
    }
}

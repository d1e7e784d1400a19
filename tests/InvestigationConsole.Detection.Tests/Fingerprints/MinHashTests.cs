using CsCheck;
using InvestigationConsole.Detection.Fingerprints;

namespace InvestigationConsole.Detection.Tests.Fingerprints;

public class MinHashTests
{
    [Fact]
    public void Signature_AnyWords_MatchesScalarReference()
    {
        // The vector code must give the same slots on every vector width, or sketches differ between machines.
        Gen.ULong.Array[1, 200].Sample(words =>
        {
            var signature = new uint[MinHash.Permutations];
            MinHash.Signature(words, signature);
            return signature.SequenceEqual(ScalarSignature(words));
        });
    }

    [Fact]
    public void Signature_SetsWithKnownJaccard_AgreeOnThatShareOfSlots()
    {
        var random = new Random(42);
        foreach (var jaccard in new[] { 0.2, 0.5, 0.8 })
        {
            var agreeing = 0.0;
            const int Trials = 400;
            for (var trial = 0; trial < Trials; trial++)
            {
                var (left, right) = SetsWithJaccard(random, union: 60, jaccard);
                var leftSignature = new uint[MinHash.Permutations];
                var rightSignature = new uint[MinHash.Permutations];
                MinHash.Signature(left, leftSignature);
                MinHash.Signature(right, rightSignature);
                agreeing += leftSignature.Zip(rightSignature).Count(pair => pair.First == pair.Second) / (double)MinHash.Permutations;
            }

            Assert.InRange(agreeing / Trials, jaccard - 0.03, jaccard + 0.03);
        }
    }

    [Fact]
    public void Signature_DuplicateWords_SameAsDistinctWords()
    {
        ulong[] words = [11, 22, 33];
        ulong[] repeated = [33, 11, 22, 11, 33, 33];
        var distinct = new uint[MinHash.Permutations];
        var withRepeats = new uint[MinHash.Permutations];

        MinHash.Signature(words, distinct);
        MinHash.Signature(repeated, withRepeats);

        Assert.Equal(distinct, withRepeats);
    }

    private static uint[] ScalarSignature(ulong[] words)
    {
        var signature = Enumerable.Repeat(uint.MaxValue, MinHash.Permutations).ToArray();
        foreach (var word in words)
        {
            for (var slot = 0; slot < MinHash.Permutations; slot++)
            {
                var h = (((uint)word ^ (uint)(word >> 32)) * MinHash.Multipliers[slot]) + MinHash.Offsets[slot];
                h ^= h >> 16;
                h *= 0x85EBCA6B;
                h ^= h >> 13;
                h *= 0xC2B2AE35;
                h ^= h >> 16;
                signature[slot] = Math.Min(signature[slot], h);
            }
        }

        return signature;
    }

    private static (ulong[] Left, ulong[] Right) SetsWithJaccard(Random random, int union, double jaccard)
    {
        var words = Enumerable.Range(0, union).Select(_ => (ulong)random.NextInt64()).ToArray();
        var common = (int)Math.Round(union * jaccard);
        var onlyLeft = (union - common) / 2;
        return (words[..(common + onlyLeft)], [.. words[..common], .. words[(common + onlyLeft)..]]);
    }
}

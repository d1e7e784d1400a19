using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using CsCheck;
using InvestigationConsole.Detection.Fingerprints;

namespace InvestigationConsole.Detection.Tests.Fingerprints;

public class TemplateSketchTests
{
    private const string Prompt = "Think step by step about the following question, then give the final answer.";

    [Fact]
    public void Compute_KnownPrompt_MatchesPinnedBytes()
    {
        // Sketches are stored and compared across machines and releases: any change here orphans stored data.
        Assert.Equal("9c0268e8f946a830948934fc26c97f2210c116e1940cc0a5575074b51ae20c93", TemplateSketch.Compute(Prompt).ToString());
    }

    [Fact]
    public void Compute_SamePromptTwice_GivesEqualSketches()
    {
        var first = TemplateSketch.Compute(Prompt);
        var second = TemplateSketch.Compute(new string(Prompt.AsSpan()));

        Assert.Equal(first, second);
        Assert.Equal(TemplateSketch.ByteLength / sizeof(uint), first.SharedBands(second));
    }

    [Fact]
    public void Compute_CasePunctuationAndSpacingDiffer_GivesEqualSketches()
    {
        var noisy = "  THINK step-by-step, about the following QUESTION...\n\nthen give the final answer!!";

        Assert.Equal(TemplateSketch.Compute(Prompt), TemplateSketch.Compute(noisy));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\n")]
    [InlineData("?!... --- ***")]
    public void Compute_NoWords_IsEmpty(string prompt)
    {
        var sketch = TemplateSketch.Compute(prompt);

        Assert.True(sketch.IsEmpty);
        Assert.Equal(TemplateSketch.Empty, sketch);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("translate this")]
    [InlineData("solve 2 + 2")]
    public void Compute_ShorterThanFiveWords_IsNotEmpty(string prompt)
    {
        var sketch = TemplateSketch.Compute(prompt);

        Assert.False(sketch.IsEmpty);
        Assert.Equal(8, sketch.SharedBands(TemplateSketch.Compute(prompt.ToUpperInvariant())));
    }

    [Fact]
    public void Compute_PromptsDifferOnlyInNumbers_GivesEqualSketches()
    {
        Assert.Equal(
            TemplateSketch.Compute("A train leaves at 14:05 going 80 km/h; when does it cover 260 km?"),
            TemplateSketch.Compute("A train leaves at 9:40 going 125 km/h; when does it cover 1000 km?"));
    }

    [Fact]
    public void Compute_GatewayMaximumLength_DoesNotThrow()
    {
        var longPrompt = string.Join(' ', Enumerable.Repeat("这是一个很长的提示 with words", 300))[..4000];

        Assert.False(TemplateSketch.Compute(longPrompt).IsEmpty);
    }

    [Fact]
    public void SharedBands_EitherSideEmpty_IsZero()
    {
        var sketch = TemplateSketch.Compute(Prompt);

        Assert.Equal(0, sketch.SharedBands(TemplateSketch.Empty));
        Assert.Equal(0, TemplateSketch.Empty.SharedBands(sketch));
        Assert.Equal(0, TemplateSketch.Empty.SharedBands(TemplateSketch.Empty));
    }

    [Fact]
    public void SharedBands_SomeKeysEqual_CountsOnlyEqualPositions()
    {
        var left = FromKeys(1, 2, 3, 4, 5, 6, 7, 8);
        var right = FromKeys(1, 9, 3, 9, 9, 6, 9, 8);
        var shifted = FromKeys(2, 3, 4, 5, 6, 7, 8, 1);

        Assert.Equal(4, left.SharedBands(right));
        Assert.Equal(0, left.SharedBands(shifted));
    }

    [Fact]
    public void Compute_AnyWords_BandKeysAreNeverZero()
    {
        Gen.String.Where(text => !TemplateSketch.Compute(text).IsEmpty).Sample(text =>
        {
            var sketch = TemplateSketch.Compute(text);
            return Enumerable.Range(0, 8).All(i => sketch.Band(i) != 0);
        });
    }

    [Fact]
    public void WriteToThenRead_AnyKeys_RoundTrips()
    {
        Gen.UInt.Array[8].Sample(keys =>
        {
            var sketch = FromKeys(keys);
            var bytes = new byte[TemplateSketch.ByteLength];
            sketch.WriteTo(bytes);

            var read = TemplateSketch.Read(bytes);
            return read == sketch && Enumerable.Range(0, 8).All(i => read.Band(i) == keys[i]);
        });
    }

    [Fact]
    public void WriteTo_KnownKeys_WritesLittleEndian()
    {
        var bytes = new byte[TemplateSketch.ByteLength];

        FromKeys(0x04030201, 0, 0, 0, 0, 0, 0, 0x0D0C0B0A).WriteTo(bytes);

        Assert.Equal([0x01, 0x02, 0x03, 0x04], bytes[..4]);
        Assert.Equal([0x0A, 0x0B, 0x0C, 0x0D], bytes[28..]);
    }

    [Fact]
    public void WriteTo_DestinationTooShort_Throws()
    {
        var sketch = TemplateSketch.Compute(Prompt);

        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.WriteTo(new byte[TemplateSketch.ByteLength - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TemplateSketch.Read(new byte[3]));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void Band_OutsideZeroToSeven_Throws(int index) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TemplateSketch.Compute(Prompt).Band(index));

    [Fact]
    public void TemplateSketch_InMemory_IsExactlyItsStoredBytes() =>
        Assert.Equal(TemplateSketch.ByteLength, Unsafe.SizeOf<TemplateSketch>());

    [Fact]
    public void Empty_AllBytesZero_ReadsAsEmpty()
    {
        Assert.True(TemplateSketch.Read(new byte[TemplateSketch.ByteLength]).IsEmpty);
        Assert.True(default(TemplateSketch).IsEmpty);
    }

    internal static TemplateSketch FromKeys(params uint[] keys)
    {
        var bytes = new byte[TemplateSketch.ByteLength];
        for (var i = 0; i < keys.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), keys[i]);
        }

        return TemplateSketch.Read(bytes);
    }
}

using InvestigationConsole.Detection.Text;

namespace InvestigationConsole.Detection.Tests.Text;

public class PromptWordsTests
{
    [Theory]
    [InlineData("Hello, World!", "hello world")]
    [InlineData("don't DON’T dont", "dont dont dont")]
    [InlineData("step-by-step", "step by step")]
    [InlineData("tool_call(x)", "tool call x")]
    [InlineData("Café  naïve", "café naïve")]
    [InlineData("ÉCOLE", "école")]
    [InlineData("42 and 7", "99 and 1")]
    [InlineData("v2 x86", "v2 x86")]
    [InlineData("光合作用", "光 合 作 用")]
    [InlineData("हिन्दी भाषा", "हिन्दी भाषा")]
    public void Hash_Variants_GiveTheSameWords(string text, string normalised) =>
        Assert.Equal(Words(normalised), Words(text));

    [Theory]
    [InlineData("", 0)]
    [InlineData(" \t\n ", 0)]
    [InlineData("a", 1)]
    [InlineData("one two  three", 3)]
    [InlineData("emoji 🙂 between", 2)]
    [InlineData("中文abc", 3)]
    public void Hash_Text_CountsWords(string text, int expected) => Assert.Equal(expected, Words(text).Length);

    [Fact]
    public void Hash_DifferentWords_GiveDifferentHashes()
    {
        var words = Words("rate late rates rat tar art v2 2v");

        Assert.Equal(words.Length, words.Distinct().Count());
    }

    [Fact]
    public void Hash_NumbersAndMixedTokens_KeepsMixedTokensApart()
    {
        var words = Words("2024 x2");

        Assert.Equal(PromptWords.Number, words[0]);
        Assert.NotEqual(PromptWords.Number, words[1]);
    }

    private static ulong[] Words(string text)
    {
        var words = new ulong[PromptWords.MaxWords(text.Length)];
        return words[..PromptWords.Hash(text, words)];
    }
}

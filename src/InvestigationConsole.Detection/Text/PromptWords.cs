using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using static InvestigationConsole.Detection.Text.StableHash;

namespace InvestigationConsole.Detection.Text;

/// <summary>
/// Splits a prompt into normalised words (lower-case, punctuation stripped) and hashes each one,
/// so the template sketch and the trait classifier read the prompt in a single pass.
/// </summary>
internal static class PromptWords
{
    /// <summary>Every all-digit word hashes to this one: slot-filled sweeps often differ only in their numbers.</summary>
    public const ulong Number = 0x6E75_6D62_6572_2323;

    // Word hashes live on the stack up to this many words; longer prompts rent from the pool.
    private const int StackWords = 512;

    /// <summary>The most words a prompt of this length can hold (CJK ideographs are one word each).</summary>
    public static int MaxWords(int length) => length;

    /// <summary>Runs <paramref name="reader"/> over the prompt's word hashes without allocating for typical prompts.</summary>
    [SkipLocalsInit]
    public static TResult Read<TResult>(ReadOnlySpan<char> prompt, WordsReader<TResult> reader)
    {
        if (prompt.Length <= StackWords)
        {
            Span<ulong> buffer = stackalloc ulong[StackWords];
            return reader(buffer[..Hash(prompt, buffer)]);
        }

        var rented = ArrayPool<ulong>.Shared.Rent(MaxWords(prompt.Length));
        try
        {
            return reader(rented.AsSpan(0, Hash(prompt, rented)));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>Writes one hash per word into <paramref name="words"/> and returns how many were written.</summary>
    public static int Hash(ReadOnlySpan<char> text, Span<ulong> words) => Hash(text, words, []);

    /// <summary>As <see cref="Hash(ReadOnlySpan{char}, Span{ulong})"/>, and also writes where each word stands in the text when <paramref name="spans"/> has room.</summary>
    public static int Hash(ReadOnlySpan<char> text, Span<ulong> words, Span<Range> spans)
    {
        var count = 0;
        var hash = FnvOffset;
        var length = 0;
        var digitsOnly = true;
        var start = 0;
        var located = !spans.IsEmpty;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (located && length == 0)
            {
                start = i;
            }

            if (char.IsAsciiLetter(c))
            {
                hash = (hash ^ (uint)(c | 0x20)) * FnvPrime;
                length++;
                digitsOnly = false;
            }
            else if (char.IsAsciiDigit(c))
            {
                hash = (hash ^ c) * FnvPrime;
                length++;
            }
            else if (c is '\'' or '\u2019')
            {
                // "don't" and "dont" are the same word to a template.
            }
            else if (c < 0x80 || !IsWordPart(c))
            {
                Locate(spans, count, length, start, i);
                Flush(words, ref count, ref hash, ref length, ref digitsOnly);
            }
            else if (IsIdeograph(c))
            {
                // Chinese and Japanese have no spaces: each ideograph stands as a word of its own.
                Locate(spans, count, length, start, i);
                Flush(words, ref count, ref hash, ref length, ref digitsOnly);
                Locate(spans, count, 1, i, i + 1);
                words[count++] = Mix((FnvOffset ^ c) * FnvPrime);
            }
            else
            {
                hash = (hash ^ char.ToLowerInvariant(c)) * FnvPrime;
                length++;
                digitsOnly = false;
            }
        }

        Locate(spans, count, length, start, text.Length);
        Flush(words, ref count, ref hash, ref length, ref digitsOnly);
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Locate(Span<Range> spans, int count, int length, int start, int end)
    {
        if (length > 0 && count < spans.Length)
        {
            spans[count] = start..end;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Flush(Span<ulong> words, ref int count, ref ulong hash, ref int length, ref bool digitsOnly)
    {
        if (length > 0)
        {
            // FNV alone leaves short words clustered in the low bits; Mix spreads them.
            words[count++] = digitsOnly ? Number : Mix(hash);
        }

        hash = FnvOffset;
        length = 0;
        digitsOnly = true;
    }

    private static bool IsWordPart(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };

    private static bool IsIdeograph(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uF900' and <= '\uFAFF');
}

internal delegate TResult WordsReader<TResult>(ReadOnlySpan<ulong> words);

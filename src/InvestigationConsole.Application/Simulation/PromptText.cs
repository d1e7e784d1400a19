using System.Buffers.Text;

namespace InvestigationConsole.Application.Simulation;

/// <summary>A prompt being assembled as UTF-8, cut like the gateway cuts it: at 4,000 characters.</summary>
internal sealed class PromptText
{
    public const int MaxBytes = 4_000;

    private readonly byte[] _buffer = new byte[MaxBytes];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        var take = Math.Min(bytes.Length, MaxBytes - Length);
        if (take < bytes.Length)
        {
            // Never split a multi-byte character.
            while (take > 0 && (bytes[take] & 0xC0) == 0x80)
            {
                take--;
            }
        }

        bytes[..take].CopyTo(_buffer.AsSpan(Length));
        Length += take;
    }

    public void Append(int number)
    {
        Span<byte> digits = stackalloc byte[11];
        Utf8Formatter.TryFormat(number, digits, out var written);
        Append(digits[..written]);
    }
}

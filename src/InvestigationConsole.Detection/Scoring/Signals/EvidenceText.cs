using System.Globalization;
using System.Runtime.CompilerServices;

namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>
/// A signal's evidence sentence as it is written (<c>$"{share:0%} of {prompts:N0} prompts ..."</c>, always in the invariant
/// culture), formatted into a pooled buffer instead of a new string: most accounts' evidence repeats another's word for
/// word, and <see cref="RiskSignalRule"/> makes a string only of a sentence it has not just seen.
/// </summary>
[InterpolatedStringHandler]
public ref struct EvidenceText
{
    private DefaultInterpolatedStringHandler _text;

    public EvidenceText(int literalLength, int formattedCount) =>
        _text = new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    internal readonly ReadOnlySpan<char> Text => _text.Text;

    /// <summary>Returns the buffer to the pool; the text is gone after this.</summary>
    internal void Clear() => _text.Clear();
}

using System.Buffers;

namespace InvestigationConsole.Application.Ingestion.Contract;

internal enum LineKind
{
    /// <summary>A line ended by <c>\n</c>.</summary>
    Terminated,

    /// <summary>The last line of the input, with no <c>\n</c> after it.</summary>
    Unterminated,

    /// <summary>A line over the limit; the span holds only enough of its start for the quarantine text.</summary>
    TooLong,

    /// <summary>The input could not be read any further (damaged gzip); the span holds the partial line before the damage.</summary>
    Damaged,

    End,
}

/// <summary>
/// Splits a byte stream into lines over one pooled buffer. The buffer starts small and grows only as far as the longest
/// line allowed (plus two bytes: a <c>\r</c> and one byte that proves a line too long), so an over-long line is discarded
/// as it streams past rather than held.
/// </summary>
internal sealed class LineSplitter : IDisposable
{
    private const int InitialCapacity = 64 * 1024;
    private const int MinimumRead = 16 * 1024;

    private readonly Stream _source;
    private readonly int _maxLineBytes;
    private readonly int _maxCapacity;
    private byte[] _buffer;
    private bool _bufferIsPooled = true;
    private int _capacity;
    private int _start;
    private int _end;
    private int _scanFrom;
    private bool _endOfInput;
    private string? _damageWhileSkipping;

    public LineSplitter(Stream source, int maxLineBytes)
    {
        _source = source;
        _maxLineBytes = maxLineBytes;
        _maxCapacity = maxLineBytes + 2;
        _capacity = Math.Min(InitialCapacity, _maxCapacity);
        _buffer = ArrayPool<byte>.Shared.Rent(_capacity);
    }

    /// <summary>Why the input stopped, after <see cref="LineKind.Damaged"/>.</summary>
    public string? DamageMessage { get; private set; }

    /// <summary>The next line without its line end (<c>\n</c> or <c>\r\n</c>); the span is valid until the next call.</summary>
    public LineKind Next(out ReadOnlySpan<byte> line)
    {
        if (_damageWhileSkipping is not null)
        {
            return Damaged(_damageWhileSkipping, out line);
        }

        while (true)
        {
            var newline = _buffer.AsSpan(_scanFrom, _end - _scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = _scanFrom + newline;
                line = WithoutCarriageReturn(_buffer.AsSpan(_start, lineEnd - _start));
                _start = _scanFrom = lineEnd + 1;
                return line.Length > _maxLineBytes ? LineKind.TooLong : LineKind.Terminated;
            }

            _scanFrom = _end;
            if (_end - _start > _maxLineBytes + 1)
            {
                return DiscardOverlongLine(out line);
            }

            bool more;
            try
            {
                more = Fill();
            }
            catch (InvalidDataException ex)
            {
                return Damaged(ex.Message, out line);
            }

            if (!more)
            {
                if (_start == _end)
                {
                    line = default;
                    return LineKind.End;
                }

                line = WithoutCarriageReturn(_buffer.AsSpan(_start, _end - _start));
                _start = _scanFrom = _end;
                return line.Length > _maxLineBytes ? LineKind.TooLong : LineKind.Unterminated;
            }
        }
    }

    /// <summary>
    /// Passes over up to <paramref name="count"/> lines by counting <c>\n</c> bytes, without looking at their content.
    /// Returns how many were passed (fewer only at the end of the input; a final line with no line end counts).
    /// </summary>
    public long Skip(long count)
    {
        long skipped = 0;
        var insideLine = false;
        while (skipped < count)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            var needed = count - skipped;
            var newlines = pending.Count((byte)'\n');
            if (newlines >= needed)
            {
                for (long i = 0; i < needed; i++)
                {
                    _start += _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n') + 1;
                }

                _scanFrom = _start;
                return count;
            }

            skipped += newlines;
            insideLine = newlines > 0 ? pending[^1] != '\n' : insideLine || !pending.IsEmpty;
            _start = _end = _scanFrom = 0;
            try
            {
                if (!Fill())
                {
                    return insideLine ? skipped + 1 : skipped;
                }
            }
            catch (InvalidDataException ex)
            {
                _damageWhileSkipping = ex.Message;
                return skipped;
            }
        }

        return skipped;
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ReleaseBuffer();
            _buffer = [];
            _start = _end = _scanFrom = 0;
        }
    }

    private static ReadOnlySpan<byte> WithoutCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    private LineKind Damaged(string message, out ReadOnlySpan<byte> line)
    {
        DamageMessage = message;
        _damageWhileSkipping = null;
        _endOfInput = true;
        line = _buffer.AsSpan(_start, _end - _start);
        _start = _scanFrom = _end;
        return LineKind.Damaged;
    }

    /// <summary>Drops an over-long line up to its <c>\n</c>, keeping only the start that the quarantine text shows.</summary>
    private LineKind DiscardOverlongLine(out ReadOnlySpan<byte> line)
    {
        // One byte past the quarantine limit lets RawText see whether the cut would split a character.
        var kept = _buffer.AsSpan(_start, LineRejection.MaxRawTextBytes + 1).ToArray();
        line = kept;
        while (true)
        {
            _start = _end = _scanFrom = 0;
            bool more;
            try
            {
                more = Fill();
            }
            catch (InvalidDataException ex)
            {
                Damaged(ex.Message, out _);
                return LineKind.Damaged;
            }

            if (!more)
            {
                return LineKind.TooLong;
            }

            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = _scanFrom = newline + 1;
                return LineKind.TooLong;
            }
        }
    }

    /// <summary>Reads more input after the pending bytes, compacting or growing the buffer first; false at the end of the input.</summary>
    private bool Fill()
    {
        if (_endOfInput)
        {
            return false;
        }

        if (_start > 0 && _capacity - _end < MinimumRead)
        {
            var pending = _end - _start;
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _scanFrom -= _start;
            _end = pending;
            _start = 0;
        }

        if (_end == _capacity)
        {
            Grow();
        }

        var read = _source.Read(_buffer.AsSpan(_end, _capacity - _end));
        if (read == 0)
        {
            _endOfInput = true;
            return false;
        }

        _end += read;
        return true;
    }

    private void Grow()
    {
        var capacity = (int)Math.Min(_capacity * 2L, _maxCapacity);

        // The pool would round the largest size up to the next power of two (2 MiB); lines that long are rare, so it is allocated exactly.
        var pooled = capacity < _maxCapacity;
        var buffer = pooled ? ArrayPool<byte>.Shared.Rent(capacity) : GC.AllocateUninitializedArray<byte>(capacity);
        _buffer.AsSpan(0, _end).CopyTo(buffer);
        ReleaseBuffer();
        _buffer = buffer;
        _bufferIsPooled = pooled;
        _capacity = capacity;
    }

    private void ReleaseBuffer()
    {
        if (_bufferIsPooled)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}

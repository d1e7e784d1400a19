namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>
/// Streams one export file (gzip by its <c>.gz</c> suffix) as one <see cref="GatewayLine"/> per non-blank line, without
/// loading the file: one buffer of 64 KiB, grown only for longer lines up to <see cref="MaxLineBytes"/> + 2 bytes, and gzip read 64 KiB at a time.
/// A rejected line never stops the file; damage (a cut-off file, a truncated or corrupt gzip member) ends it with one
/// <see cref="RejectionReason.TruncatedInput"/> after every complete line before it.
/// </summary>
/// <remarks>
/// Line numbers are 1-based and physical: blank lines and skipped lines count. A last line with no line end is accepted
/// when it is complete JSON, and is one TruncatedInput rejection when it is not. Not thread-safe.
/// </remarks>
public sealed class GatewayFileReader : IDisposable
{
    /// <summary>The longest line accepted, in bytes, not counting its <c>\n</c> or <c>\r\n</c>.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    private readonly LineSplitter _lines;
    private readonly Stream? _ownedContent;
    private long _pendingSkip;
    private bool _disposed;

    private GatewayFileReader(Stream content, GatewayStream stream, long skipLines, Stream? ownedContent)
    {
        GatewayStream = stream;
        _pendingSkip = skipLines;
        _ownedContent = ownedContent;
        _lines = new LineSplitter(content, MaxLineBytes);
    }

    /// <summary>Which schema the lines are read against.</summary>
    public GatewayStream GatewayStream { get; }

    /// <summary>
    /// Physical lines consumed so far, blank, skipped and rejected ones included. Right after a line is yielded this equals
    /// its <see cref="GatewayLine.LineNumber"/>: store it as the checkpoint once that line's effects are durable, and resume
    /// with it as <c>skipLines</c>.
    /// </summary>
    public long LinesRead { get; private set; }

    /// <summary>Opens an export file; <paramref name="skipLines"/> lines are passed over unparsed (resume from a checkpoint).</summary>
    public static GatewayFileReader Open(string path, GatewayStream stream, long skipLines = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(skipLines);
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
        Stream content = GatewayFileName.IsGzip(path) ? new GzipMemberStream(file, leaveOpen: false) : file;
        return new GatewayFileReader(content, stream, skipLines, content);
    }

    /// <summary>Reads an export from an open stream (an upload, say); <paramref name="gzip"/> says whether it is compressed.</summary>
    public static GatewayFileReader Open(Stream content, GatewayStream stream, bool gzip, long skipLines = 0, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(skipLines);
        if (gzip)
        {
            var decompressed = new GzipMemberStream(content, leaveOpen);
            return new GatewayFileReader(decompressed, stream, skipLines, decompressed);
        }

        return new GatewayFileReader(content, stream, skipLines, leaveOpen ? null : content);
    }

    /// <summary>Reads the next non-blank line's outcome; false at the end of the file (or after the damage rejection).</summary>
    public bool TryRead(out GatewayLine line)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pendingSkip > 0)
        {
            LinesRead += _lines.Skip(_pendingSkip);
            _pendingSkip = 0;
        }

        while (true)
        {
            var kind = _lines.Next(out var bytes);
            if (kind == LineKind.End)
            {
                line = default;
                return false;
            }

            LinesRead++;
            switch (kind)
            {
                case LineKind.TooLong:
                    line = Reject(RejectionReason.LineTooLong, $"line is longer than {MaxLineBytes} bytes", bytes);
                    return true;
                case LineKind.Damaged:
                    line = Reject(
                        RejectionReason.TruncatedInput,
                        $"the file is cut off or damaged here; this line and anything after it cannot be read: {_lines.DamageMessage}",
                        bytes);
                    return true;
            }

            if (LinesRead == 1 && bytes.StartsWith(ByteOrderMark))
            {
                bytes = bytes[ByteOrderMark.Length..];
            }

            if (bytes.IndexOfAnyExcept(" \t\r"u8) < 0)
            {
                continue;
            }

            line = GatewayLineParser.Parse(GatewayStream, bytes, LinesRead, terminated: kind == LineKind.Terminated);
            return true;
        }
    }

    /// <summary>The remaining lines' outcomes, one pass.</summary>
    public IEnumerable<GatewayLine> ReadLines()
    {
        while (TryRead(out var line))
        {
            yield return line;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _lines.Dispose();
        _ownedContent?.Dispose();
    }

    private GatewayLine Reject(RejectionReason reason, string message, ReadOnlySpan<byte> bytes) =>
        GatewayLine.Rejected(new LineFault(reason, null, message).ToRejection(LinesRead, bytes));
}

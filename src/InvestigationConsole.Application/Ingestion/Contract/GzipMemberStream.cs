using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>
/// Decompresses a gzip file member by member and checks each member's CRC-32 and length trailer (RFC 1952).
/// <see cref="GZipStream"/> cannot be used alone: at a truncated member it reports a normal end of data
/// (its strict mode is a process-wide AppContext switch), so a cut-off export would look complete.
/// Damage surfaces as <see cref="InvalidDataException"/> after every byte before it has been delivered.
/// </summary>
internal sealed class GzipMemberStream : Stream
{
    private const int InputBufferSize = 64 * 1024;
    private const int TrailerSize = 8;
    private const byte FlagHeaderCrc = 0x02;
    private const byte FlagExtra = 0x04;
    private const byte FlagName = 0x08;
    private const byte FlagComment = 0x10;
    private const byte ReservedFlags = 0xE0;

    private readonly Stream _compressed;
    private readonly bool _leaveOpen;
    private readonly InflaterInput _inflaterInput;
    private byte[] _input;
    private int _inputStart;
    private int _inputEnd;
    private int _chunkStart;
    private int _chunkEnd;
    private bool _inflaterStarved;
    private DeflateStream? _inflater;
    private uint _crc;
    private uint _length;
    private bool _finished;

    public GzipMemberStream(Stream compressed, bool leaveOpen)
    {
        _compressed = compressed;
        _leaveOpen = leaveOpen;
        _input = ArrayPool<byte>.Shared.Rent(InputBufferSize);
        _inflaterInput = new InflaterInput(this);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_finished)
        {
            if (_inflater is null && !TryBeginMember())
            {
                _finished = true;
                break;
            }

            var read = _inflater!.Read(buffer);
            if (read > 0)
            {
                _crc = Crc32.Append(_crc, buffer[..read]);
                _length += (uint)read;
                return read;
            }

            if (_inflaterStarved)
            {
                throw new InvalidDataException("the gzip data is truncated: the file ends inside a compressed block");
            }

            EndMember();
        }

        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _input.Length > 0)
        {
            _inflater?.Dispose();
            if (!_leaveOpen)
            {
                _compressed.Dispose();
            }

            ArrayPool<byte>.Shared.Return(_input);
            _input = [];
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads the next member's header; false at a clean end of file between members.</summary>
    private bool TryBeginMember()
    {
        if (!EnsureInput(1))
        {
            return false;
        }

        if (!EnsureInput(10))
        {
            throw new InvalidDataException("the gzip data is truncated: the file ends inside a member header");
        }

        var header = _input.AsSpan(_inputStart, 10);
        if (header[0] != 0x1F || header[1] != 0x8B)
        {
            throw new InvalidDataException("the data is not gzip, or what follows the last gzip member is not another member");
        }

        if (header[2] != 8 || (header[3] & ReservedFlags) != 0)
        {
            throw new InvalidDataException("the gzip member header is invalid (not deflate, or reserved flags set)");
        }

        var flags = header[3];
        _inputStart += 10;
        if ((flags & FlagExtra) != 0)
        {
            var extraLength = (ReadHeaderByte() | (ReadHeaderByte() << 8));
            for (var i = 0; i < extraLength; i++)
            {
                ReadHeaderByte();
            }
        }

        if ((flags & FlagName) != 0)
        {
            while (ReadHeaderByte() != 0)
            {
            }
        }

        if ((flags & FlagComment) != 0)
        {
            while (ReadHeaderByte() != 0)
            {
            }
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            ReadHeaderByte();
            ReadHeaderByte();
        }

        _crc = 0;
        _length = 0;
        _inflaterStarved = false;
        _inflater = new DeflateStream(_inflaterInput, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>
    /// The deflate data has ended somewhere in the last chunk handed to the inflater (it asks for input only when it has
    /// used all it was given), and the 8-byte trailer follows it there. The trailer is found by its expected value.
    /// </summary>
    private void EndMember()
    {
        _inflater!.Dispose();
        _inflater = null;

        Span<byte> expected = stackalloc byte[TrailerSize];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc);
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], _length);

        var chunkLength = _chunkEnd - _chunkStart;
        _inputStart = _chunkStart;
        EnsureInput(chunkLength + TrailerSize);
        var window = _input.AsSpan(_inputStart, Math.Min(_inputEnd - _inputStart, chunkLength + TrailerSize));
        var at = window.IndexOf(expected);
        if (at < 0)
        {
            // Where exactly the deflate data ended is unknown, so a cut-off trailer and a wrong one cannot be told apart.
            throw new InvalidDataException("the gzip data is truncated or damaged: a member's CRC-32 and length trailer is missing or does not match its contents");
        }

        _inputStart += at + TrailerSize;
    }

    private byte ReadHeaderByte()
    {
        if (!EnsureInput(1))
        {
            throw new InvalidDataException("the gzip data is truncated: the file ends inside a member header");
        }

        return _input[_inputStart++];
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available from <c>_inputStart</c>; false if the file ends first.</summary>
    private bool EnsureInput(int count)
    {
        if (_inputEnd - _inputStart >= count)
        {
            return true;
        }

        if (_inputStart > 0)
        {
            _input.AsSpan(_inputStart, _inputEnd - _inputStart).CopyTo(_input);
            _inputEnd -= _inputStart;
            _inputStart = 0;
        }

        while (_inputEnd < count)
        {
            var read = _compressed.Read(_input.AsSpan(_inputEnd, InputBufferSize - _inputEnd));
            if (read == 0)
            {
                return false;
            }

            _inputEnd += read;
        }

        return true;
    }

    /// <summary>Hands compressed bytes to the inflater, remembering the last chunk so that the trailer can be found after it.</summary>
    private int FeedInflater(Span<byte> destination)
    {
        if (_inputStart == _inputEnd)
        {
            _inputStart = _inputEnd = 0;
            var read = _compressed.Read(_input.AsSpan(0, InputBufferSize));
            if (read == 0)
            {
                _inflaterStarved = true;
                return 0;
            }

            _inputEnd = read;
        }

        // Capped so that the chunk and a trailer after it fit in the buffer together (see EndMember).
        var count = Math.Min(Math.Min(destination.Length, _inputEnd - _inputStart), InputBufferSize - TrailerSize);
        _input.AsSpan(_inputStart, count).CopyTo(destination);
        _chunkStart = _inputStart;
        _inputStart += count;
        _chunkEnd = _inputStart;
        return count;
    }

    /// <summary>The stream the inflater reads from.</summary>
    private sealed class InflaterInput(GzipMemberStream owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => owner.FeedInflater(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => owner.FeedInflater(buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

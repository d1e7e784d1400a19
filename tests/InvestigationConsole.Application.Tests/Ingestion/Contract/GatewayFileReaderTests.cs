using System.Text;
using InvestigationConsole.Application.Ingestion.Contract;
using static InvestigationConsole.Application.Tests.Ingestion.Contract.ContractLines;

namespace InvestigationConsole.Application.Tests.Ingestion.Contract;

public sealed class GatewayFileReaderTests : IDisposable
{
    private readonly ExportFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Reader_AccountsSample_ParsesBothLines()
    {
        var lines = ExportFiles.ReadAll(ExportFiles.SamplePath("accounts-sample.jsonl"), GatewayStream.Accounts);

        Assert.Equal([1L, 2L], lines.Select(l => l.LineNumber));
        Assert.All(lines, l => Assert.Null(l.Rejection));
        var second = lines[1].Account!;
        Assert.Equal("acct_b20c44", second.AccountId);
        Assert.Equal("org_19ad", second.OrgId);
        Assert.Equal("example-corp.com", second.EmailDomain);
        Assert.Equal("DE", second.BillingCountry);
        Assert.Equal(Verification.IdDocument, second.Verification);
        Assert.Equal(AccountTier.Enterprise, second.Tier);
    }

    [Fact]
    public void Reader_RequestsSample_ParsesBothLines()
    {
        var lines = ExportFiles.ReadAll(ExportFiles.SamplePath("requests-sample.jsonl"), GatewayStream.Requests);

        Assert.Equal([1L, 2L], lines.Select(l => l.LineNumber));
        Assert.All(lines, l => Assert.Null(l.Rejection));
        var second = lines[1].Request!;
        Assert.Equal("req_000002", second.RequestId);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 8, 3, 40, TimeSpan.Zero), second.Timestamp);
        Assert.Equal("frontier-small-2", second.Model);
        Assert.Equal(900, second.LatencyMs);
        Assert.Null(second.ToolCount);
        Assert.Null(second.Turns);
        Assert.Null(second.SystemPromptSha256);
    }

    [Fact]
    public void Reader_GzipFile_YieldsTheSameRecordsAsThePlainFile()
    {
        var text = File.ReadAllText(ExportFiles.SamplePath("requests-sample.jsonl"));
        var path = _files.WriteGzip("requests-sample.jsonl.gz", text);

        var gzipped = ExportFiles.ReadAll(path, GatewayStream.Requests);
        var plain = ExportFiles.ReadAll(ExportFiles.SamplePath("requests-sample.jsonl"), GatewayStream.Requests);

        Assert.Equal(plain, gzipped);
    }

    [Fact]
    public void Reader_ConcatenatedGzipMembers_ReadsEveryMember()
    {
        var first = ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 3)));
        var second = ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(4, 6)));
        var path = _files.Write("requests-multi.jsonl.gz", [.. first, .. second]);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(Enumerable.Range(1, 6).Select(i => $"req_{i:D6}"), lines.Select(l => l.Request!.RequestId));
    }

    [Fact]
    public void Reader_LargeConcatenatedGzipMembers_ReadsEveryMemberAcrossBufferBoundaries()
    {
        var random = new Random(11);
        var members = new List<byte>();
        var expected = new List<string>();
        for (var member = 0; member < 3; member++)
        {
            var text = new StringBuilder();
            for (var i = 0; i < 3_000; i++)
            {
                var id = $"req_{expected.Count + 1:D6}";
                expected.Add(id);
                var prompt = new string([.. Enumerable.Range(0, 300).Select(_ => (char)random.Next('a', 'z' + 1))]);
                text.Append(Request.Replace("Solve the following problem.", prompt, StringComparison.Ordinal).Replace("req_000001", id, StringComparison.Ordinal)).Append('\n');
            }

            members.AddRange(ExportFiles.Gzip(Encoding.UTF8.GetBytes(text.ToString())));
        }

        var lines = ExportFiles.ReadAll(_files.Write("requests-members.jsonl.gz", [.. members]), GatewayStream.Requests);

        Assert.Equal(expected, lines.Select(l => l.Request?.RequestId));
    }

    [Fact]
    public void Reader_GzipHeaderWithNameCommentExtraAndHeaderCrc_IsRead()
    {
        var plain = ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 2)));
        byte[] header = [0x1F, 0x8B, 0x08, 0x1E, 0, 0, 0, 0, 0, 3, 3, 0, (byte)'a', (byte)'b', (byte)'c'];
        var path = _files.Write("requests-header.jsonl.gz", [.. header, .. "requests.jsonl\0"u8, .. "exported\0"u8, 0x12, 0x34, .. plain[10..]]);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(["req_000001", "req_000002"], lines.Select(l => l.Request?.RequestId));
    }

    [Fact]
    public void Reader_GarbageAfterTheLastGzipMember_IsOneTruncatedInputAfterAllLines()
    {
        var path = _files.Write("requests-garbage.jsonl.gz", [.. ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 3))), .. "junk"u8]);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(4, lines.Count);
        Assert.Equal(RejectionReason.TruncatedInput, lines[3].Rejection!.Reason);
    }

    [Fact]
    public void Reader_LargeGzipFile_ReadsEveryLineAcrossManyBuffers()
    {
        var path = _files.WriteGzip("requests-large.jsonl.gz", Numbered(1, 20_000));

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(20_000, lines.Count);
        Assert.All(lines, l => Assert.NotNull(l.Request));
        Assert.Equal("req_020000", lines[^1].Request!.RequestId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(500)]
    public void Reader_TruncatedGzip_YieldsEveryCompleteLineThenOneTruncatedInput(int bytesCut)
    {
        var full = ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 5_000)));

        AssertCompleteLinesThenOneTruncatedInput(_files.Write("requests-cut.jsonl.gz", full[..^bytesCut]));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(2_000)]
    public void Reader_GzipKeepingOnlyItsStart_YieldsEveryCompleteLineThenOneTruncatedInput(int bytesKept)
    {
        var full = ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 5_000)));

        AssertCompleteLinesThenOneTruncatedInput(_files.Write("requests-cut.jsonl.gz", full[..bytesKept]));
    }

    [Fact]
    public void Reader_TruncatedGzipInsideTheTrailer_StillReportsTheDamageAfterAllLines()
    {
        var full = ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 10)));
        var path = _files.Write("requests-trailer.jsonl.gz", full[..^3]);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(11, lines.Count);
        Assert.All(lines[..10], l => Assert.NotNull(l.Request));
        Assert.Equal(RejectionReason.TruncatedInput, lines[10].Rejection!.Reason);
        Assert.Equal(11, lines[10].LineNumber);
        Assert.Equal(string.Empty, lines[10].Rejection!.RawText);
    }

    [Fact]
    public void Reader_GzipWithWrongCrc_EndsWithOneTruncatedInput()
    {
        var full = ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 10)));
        full[^8] ^= 0xFF;
        var path = _files.Write("requests-crc.jsonl.gz", full);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(11, lines.Count);
        Assert.Single(lines, l => l.Rejection is not null);
        Assert.Contains("CRC-32", lines[10].Rejection!.Message, StringComparison.Ordinal);
        Assert.Equal(RejectionReason.TruncatedInput, lines[10].Rejection!.Reason);
    }

    [Fact]
    public void Reader_GzipSuffixOnPlainText_IsOneTruncatedInputAtLineOne()
    {
        var path = _files.Write("requests-not-gzip.jsonl.gz", Request + "\n");

        var line = Assert.Single(ExportFiles.ReadAll(path, GatewayStream.Requests));

        Assert.Equal(1, line.LineNumber);
        Assert.Equal(RejectionReason.TruncatedInput, line.Rejection!.Reason);
    }

    [Fact]
    public void Reader_FileCutMidLine_YieldsCompleteLinesThenOneTruncatedInput()
    {
        var text = Numbered(1, 3) + Request[..40];
        var path = _files.Write("requests-cut.jsonl", text);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(4, lines.Count);
        Assert.All(lines[..3], l => Assert.NotNull(l.Request));
        var rejection = lines[3].Rejection!;
        Assert.Equal(RejectionReason.TruncatedInput, rejection.Reason);
        Assert.Equal(4, rejection.LineNumber);
        Assert.Equal(Request[..40], rejection.RawText);
    }

    [Fact]
    public void Reader_LastLineWithoutLineEndButComplete_IsAccepted()
    {
        var path = _files.Write("requests-no-final-newline.jsonl", Numbered(1, 2) + Request);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.NotNull(l.Request));
    }

    [Fact]
    public void Reader_LastLineWithoutLineEndFailingValidation_KeepsItsOwnReason()
    {
        var path = _files.Write("requests-no-final-newline.jsonl", RequestWith("ts", null));

        Assert.Equal(RejectionReason.MissingField, Assert.Single(ExportFiles.ReadAll(path, GatewayStream.Requests)).Rejection!.Reason);
    }

    [Fact]
    public void Reader_LineOverOneMebibyte_IsLineTooLongAndTheNextLineIsRead()
    {
        var text = Request + "\n" + RequestOfLength(GatewayFileReader.MaxLineBytes + 1, 2) + "\n" + Request + "\n";
        var path = _files.Write("requests-long.jsonl", text);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.LineNumber));
        Assert.NotNull(lines[0].Request);
        var rejection = lines[1].Rejection!;
        Assert.Equal(RejectionReason.LineTooLong, rejection.Reason);
        Assert.Equal(LineRejection.MaxRawTextBytes, Encoding.UTF8.GetByteCount(rejection.RawText));
        Assert.StartsWith("{\"request_id\":\"req_000002\"", rejection.RawText, StringComparison.Ordinal);
        Assert.NotNull(lines[2].Request);
    }

    [Fact]
    public void Reader_SeveralMebibyteLineWithoutLineEnd_IsOneLineTooLong()
    {
        var path = _files.Write("requests-long-tail.jsonl", Request + "\n" + RequestOfLength(3 * GatewayFileReader.MaxLineBytes, 2));

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(2, lines.Count);
        Assert.Equal(RejectionReason.LineTooLong, lines[1].Rejection!.Reason);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Reader_LineOfExactlyOneMebibyte_IsAccepted(string lineEnd)
    {
        var text = RequestOfLength(GatewayFileReader.MaxLineBytes, 1) + lineEnd + RequestOfLength(GatewayFileReader.MaxLineBytes + 1, 2) + lineEnd;
        var path = _files.Write("requests-limit.jsonl", text);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.NotNull(lines[0].Request);
        Assert.Equal(RejectionReason.LineTooLong, lines[1].Rejection!.Reason);
    }

    [Fact]
    public void Reader_LineOverOneMebibyteInGzip_IsLineTooLongAndTheNextLineIsRead()
    {
        var text = RequestOfLength(GatewayFileReader.MaxLineBytes + 10, 1) + "\n" + Request + "\n";
        var path = _files.WriteGzip("requests-long.jsonl.gz", text);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(RejectionReason.LineTooLong, lines[0].Rejection!.Reason);
        Assert.NotNull(lines[1].Request);
    }

    [Fact]
    public void Reader_CrlfLineEnds_AreTolerated()
    {
        var text = Numbered(1, 3).Replace("\n", "\r\n", StringComparison.Ordinal) + "{bad}\r\n";
        var path = _files.Write("requests-crlf.jsonl", text);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.All(lines[..3], l => Assert.NotNull(l.Request));
        Assert.Equal("{bad}", lines[3].Rejection!.RawText);
    }

    [Fact]
    public void Reader_BlankLines_AreSkippedButCounted()
    {
        var text = Request + "\n\n   \n\t\r\n" + Request + "\n\n";
        var path = _files.Write("requests-blank.jsonl", text);

        using var reader = GatewayFileReader.Open(path, GatewayStream.Requests);
        var lines = reader.ReadLines().ToList();

        Assert.Equal([1L, 5L], lines.Select(l => l.LineNumber));
        Assert.Equal(6, reader.LinesRead);
    }

    [Fact]
    public void Reader_BadLineBetweenGoodOnes_DoesNotStopTheFile()
    {
        var text = Request + "\n" + "{oops\n" + RequestWith("input_tokens", "-1") + "\n" + Request + "\n";
        var path = _files.Write("requests-mixed.jsonl", text);

        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        Assert.Equal(
            [null, RejectionReason.InvalidJson, RejectionReason.NegativeCount, null],
            lines.Select(l => l.Rejection?.Reason));
        Assert.Equal([1L, 2L, 3L, 4L], lines.Select(l => l.LineNumber));
    }

    [Fact]
    public void Reader_ByteOrderMarkAtStart_IsIgnored()
    {
        var path = _files.Write("requests-bom.jsonl", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Request + "\n")]);

        Assert.NotNull(Assert.Single(ExportFiles.ReadAll(path, GatewayStream.Requests)).Request);
    }

    [Fact]
    public void Reader_EmptyFiles_YieldNothing()
    {
        Assert.Empty(ExportFiles.ReadAll(_files.Write("requests-empty.jsonl", string.Empty), GatewayStream.Requests));
        Assert.Empty(ExportFiles.ReadAll(_files.Write("requests-empty.jsonl.gz", string.Empty), GatewayStream.Requests));
        Assert.Empty(ExportFiles.ReadAll(_files.WriteGzip("requests-empty-member.jsonl.gz", string.Empty), GatewayStream.Requests));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reader_SkipLines_YieldsExactlyTheRemainingLines(bool gzip)
    {
        var text = Numbered(1, 4) + "\n" + Numbered(5, 10);
        var path = gzip ? _files.WriteGzip("requests-resume.jsonl.gz", text) : _files.Write("requests-resume.jsonl", text);

        using var reader = GatewayFileReader.Open(path, GatewayStream.Requests, skipLines: 6);
        var lines = reader.ReadLines().ToList();

        Assert.Equal([7L, 8L, 9L, 10L, 11L], lines.Select(l => l.LineNumber));
        Assert.Equal(Enumerable.Range(6, 5).Select(i => $"req_{i:D6}"), lines.Select(l => l.Request!.RequestId));
        Assert.Equal(11, reader.LinesRead);
    }

    [Fact]
    public void Reader_ResumeFromCheckpoint_CompletesTheFirstReadExactly()
    {
        var text = Numbered(1, 3) + "{bad\n\n" + RequestOfLength(GatewayFileReader.MaxLineBytes + 5, 4) + "\n" + Numbered(5, 9) + Request[..30];
        var path = _files.Write("requests-checkpoint.jsonl", text);
        var everything = ExportFiles.ReadAll(path, GatewayStream.Requests);

        for (var taken = 0; taken <= everything.Count; taken++)
        {
            long checkpoint;
            using (var interrupted = GatewayFileReader.Open(path, GatewayStream.Requests))
            {
                for (var i = 0; i < taken; i++)
                {
                    Assert.True(interrupted.TryRead(out _));
                }

                checkpoint = interrupted.LinesRead;
            }

            var resumed = ExportFiles.ReadAll(path, GatewayStream.Requests, checkpoint);

            Assert.Equal(everything.Skip(taken), resumed);
        }
    }

    [Fact]
    public void Reader_SkipBeyondTheEnd_YieldsNothingAndCountsTheLinesThatExist()
    {
        var path = _files.Write("requests-short.jsonl", Numbered(1, 2) + Request);

        using var reader = GatewayFileReader.Open(path, GatewayStream.Requests, skipLines: 100);

        Assert.False(reader.TryRead(out _));
        Assert.Equal(3, reader.LinesRead);
    }

    [Fact]
    public void Reader_SkipIntoTruncatedGzip_ReportsTheDamage()
    {
        var full = ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 5_000)));
        var path = _files.Write("requests-cut.jsonl.gz", full[..^500]);

        var line = Assert.Single(ExportFiles.ReadAll(path, GatewayStream.Requests, skipLines: 5_000));

        Assert.Equal(RejectionReason.TruncatedInput, line.Rejection!.Reason);
    }

    [Fact]
    public void Reader_RejectedLineOverFourKibibytes_KeepsRawTextCutToFourKibibytesOnACharacterBoundary()
    {
        // 4,095 ASCII bytes then "é" (2 bytes): byte 4,096 would split it, so the cut comes before it.
        var line = new string('a', 4095) + "é" + new string('b', 10_000);
        var path = _files.Write("requests-raw.jsonl", line + "\n");

        var rejection = Assert.Single(ExportFiles.ReadAll(path, GatewayStream.Requests)).Rejection!;

        Assert.Equal(RejectionReason.InvalidJson, rejection.Reason);
        Assert.Equal(new string('a', 4095), rejection.RawText);
    }

    [Fact]
    public void Reader_RejectedLineOfInvalidUtf8_KeepsRawTextWithinFourKibibytes()
    {
        var bytes = Enumerable.Repeat((byte)0xFF, 10_000).Append((byte)'\n').ToArray();
        var path = _files.Write("requests-raw.jsonl", bytes);

        var rejection = Assert.Single(ExportFiles.ReadAll(path, GatewayStream.Requests)).Rejection!;

        Assert.True(Encoding.UTF8.GetByteCount(rejection.RawText) <= LineRejection.MaxRawTextBytes);
        Assert.StartsWith("\uFFFD\uFFFD", rejection.RawText, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_OpenedOnAStream_ReadsGzipAndLeavesTheStreamOpenWhenAsked()
    {
        using var content = new MemoryStream(ExportFiles.Gzip(Encoding.UTF8.GetBytes(Numbered(1, 3))));

        using (var reader = GatewayFileReader.Open(content, GatewayStream.Requests, gzip: true, leaveOpen: true))
        {
            Assert.Equal(3, reader.ReadLines().Count(l => l.Request is not null));
        }

        Assert.True(content.CanRead);
    }

    [Fact]
    public void Reader_AfterDispose_Throws()
    {
        var reader = GatewayFileReader.Open(_files.Write("requests-x.jsonl", Request), GatewayStream.Requests);
        reader.Dispose();

        Assert.Throws<ObjectDisposedException>(() => reader.TryRead(out _));
    }

    [Fact]
    public void Reader_NegativeSkip_IsRefused()
    {
        var path = _files.Write("requests-x.jsonl", Request);

        Assert.Throws<ArgumentOutOfRangeException>(() => GatewayFileReader.Open(path, GatewayStream.Requests, skipLines: -1));
    }

    private static void AssertCompleteLinesThenOneTruncatedInput(string path)
    {
        var lines = ExportFiles.ReadAll(path, GatewayStream.Requests);

        var accepted = lines[..^1];
        Assert.All(accepted, l => Assert.NotNull(l.Request));
        Assert.Equal(Enumerable.Range(1, accepted.Count).Select(i => $"req_{i:D6}"), accepted.Select(l => l.Request!.RequestId));
        var last = lines[^1].Rejection;
        Assert.NotNull(last);
        Assert.Equal(RejectionReason.TruncatedInput, last.Reason);
        Assert.Equal(accepted.Count + 1, last.LineNumber);
        var expectedLine = Request.Replace("req_000001", $"req_{accepted.Count + 1:D6}", StringComparison.Ordinal);
        Assert.StartsWith(last.RawText, expectedLine, StringComparison.Ordinal);
    }

    /// <summary>Valid request lines numbered <paramref name="first"/> to <paramref name="last"/>, each ended by <c>\n</c>.</summary>
    private static string Numbered(int first, int last)
    {
        var text = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            text.Append(Request.Replace("req_000001", $"req_{i:D6}", StringComparison.Ordinal)).Append('\n');
        }

        return text.ToString();
    }
}

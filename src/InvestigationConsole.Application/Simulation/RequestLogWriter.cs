using System.Buffers;
using System.Globalization;
using System.Text;

namespace InvestigationConsole.Application.Simulation;

/// <summary>
/// Writes one day's sorted exchanges to requests-YYYY-MM-DD.jsonl. Lines are formatted on one thread
/// while the previous block is still being written; the other core simulates the next day meanwhile.
/// </summary>
internal sealed class RequestLogWriter(SimulationWorld world, bool gzip)
{
    private const int BlockBytes = 1 << 21;

    private readonly RequestLineFormatter _formatter = new(world);
    private readonly ArrayBufferWriter<byte>[] _blocks = [new(BlockBytes + (1 << 16)), new(BlockBytes + (1 << 16))];

    public string FileName(int day) =>
        ExportFile.Name($"requests-{world.Clock.Date(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", gzip);

    /// <summary>Writes the file; <paramref name="linesWritten"/> hears about each block of lines.</summary>
    public async Task WriteDayAsync(
        string path, int day, Exchange[] items, int count, PlannedDefect[] defects, Action<int> linesWritten, CancellationToken cancellationToken)
    {
        var datePrefix = Encoding.ASCII.GetBytes(world.Clock.Date(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T");
        await using var output = ExportFile.Create(path, gzip);
        var pending = Task.CompletedTask;
        var block = 0;
        var d = 0;
        var linesInBlock = 0;
        Array.ForEach(_blocks, b => b.ResetWrittenCount());
        _formatter.Output = _blocks[block];
        for (var k = 0; k < count; k++)
        {
            for (; d < defects.Length && defects[d].Before == k; d++)
            {
                WriteDefect(day, k, items, defects[d].Defect, datePrefix);
            }

            _formatter.Write(items[k], RequestLineFormatter.LineKey(day, k), datePrefix);
            linesInBlock++;
            if (_formatter.Output.WrittenCount >= BlockBytes || k == count - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await pending;
                _blocks[1 - block].ResetWrittenCount();
                pending = output.WriteAsync(_blocks[block].WrittenMemory, cancellationToken).AsTask();
                block = 1 - block;
                _formatter.Output = _blocks[block];
                linesWritten(linesInBlock);
                linesInBlock = 0;
            }
        }

        await pending;
    }

    private void WriteDefect(int day, int k, Exchange[] items, LineDefect defect, byte[] datePrefix)
    {
        if (defect == LineDefect.DuplicateRequestId)
        {
            // The line before, delivered twice: same bytes, same request_id.
            _formatter.Write(items[k - 1], RequestLineFormatter.LineKey(day, k - 1), datePrefix);
            return;
        }

        _formatter.Write(items[k], RequestLineFormatter.DefectKey(day, k, defect), datePrefix, defect);
    }
}

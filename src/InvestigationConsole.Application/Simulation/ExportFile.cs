using System.IO.Compression;

namespace InvestigationConsole.Application.Simulation;

/// <summary>Opens an export file for writing, gzip-compressed when asked; disposing it closes the file.</summary>
internal static class ExportFile
{
    public static Stream Create(string path, bool gzip)
    {
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        return gzip ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: false) : file;
    }

    public static string Name(string stem, bool gzip) => gzip ? $"{stem}.jsonl.gz" : $"{stem}.jsonl";
}

/// <summary>A line that breaks the contract on purpose, as truth.json lists it.</summary>
internal sealed record BadLine(string File, int Line, string Reason);

using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using InvestigationConsole.Application.Ingestion.Contract;

namespace InvestigationConsole.Application.Tests.Ingestion.Contract;

/// <summary>Real export files in a temporary folder that is deleted with the test class.</summary>
public sealed class ExportFiles : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ic-contract-" + Guid.NewGuid().ToString("N"));

    public ExportFiles() => Directory.CreateDirectory(_folder);

    /// <summary>The contract's sample files, copied verbatim beside these tests.</summary>
    public static string SamplePath(string fileName, [CallerFilePath] string thisFile = "")
    {
        var besideSource = Path.Combine(Path.GetDirectoryName(thisFile) ?? string.Empty, "Samples", fileName);
        if (File.Exists(besideSource))
        {
            return besideSource;
        }

        // A build with a source path map (CI) hides the source folder: look upwards from the test binaries instead.
        var relative = Path.Combine("tests", "InvestigationConsole.Application.Tests", "Ingestion", "Contract", "Samples", fileName);
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"sample file {fileName} not found", besideSource);
    }

    public string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string WriteGzip(string name, string text) => Write(name, Gzip(Encoding.UTF8.GetBytes(text)));

    public static byte[] Gzip(byte[] bytes)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return compressed.ToArray();
    }

    public static List<GatewayLine> ReadAll(string path, GatewayStream stream, long skipLines = 0)
    {
        using var reader = GatewayFileReader.Open(path, stream, skipLines);
        return reader.ReadLines().ToList();
    }

    /// <summary>Writes one line to a file of the given stream and reads it back.</summary>
    public GatewayLine ReadSingle(GatewayStream stream, string line)
    {
        var name = stream == GatewayStream.Requests ? "requests-single.jsonl" : "accounts-single.jsonl";
        var lines = ReadAll(Write(name, line + "\n"), stream);
        return Assert.Single(lines);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

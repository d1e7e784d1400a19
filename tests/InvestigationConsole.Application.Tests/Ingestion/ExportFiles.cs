using System.IO.Compression;
using System.Text;

namespace InvestigationConsole.Application.Tests.Ingestion;

/// <summary>Writes small export files for ingestion tests, line by line as the gateway would.</summary>
internal static class ExportFiles
{
    public static string Account(string id, string tier = "tier1", string verification = "email") =>
        $$"""{"account_id":"{{id}}","org_id":null,"created_at":"2026-01-04T09:12:44Z","email_domain":"example.com","payment_fingerprint":"pf_{{id}}","billing_country":"US","signup_ip":"198.51.100.24","verification":"{{verification}}","tier":"{{tier}}"}""";

    public static string Request(string id, string account, string ts = "2026-02-01T08:00:01Z", string model = "frontier-large-2", string ip = "198.51.100.24", string prompt = "Explain how photosynthesis works.", int input = 100, int output = 400) =>
        $$"""{"request_id":"{{id}}","ts":"{{ts}}","account_id":"{{account}}","ip":"{{ip}}","user_agent":"python-httpx/0.27.0","model":"{{model}}","endpoint":"/v1/messages","input_tokens":{{input}},"output_tokens":{{output}},"latency_ms":900,"status":200,"tool_count":0,"turns":1,"prompt":"{{prompt}}"}""";

    public static string Write(string folder, string name, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        var text = string.Join("\n", lines) + "\n";
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(path);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        else
        {
            File.WriteAllText(path, text);
        }

        return path;
    }
}

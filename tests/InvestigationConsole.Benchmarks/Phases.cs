using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace InvestigationConsole.Benchmarks;

/// <summary>The measured phases, each run as a child process that prints its figures as one JSON line.</summary>
internal static class Phases
{
    public const string RawInsert = "_raw-insert";
    public const string Ingest = "_ingest";
    public const string Parse = "_parse";

    public static async Task<int> ReportAsync(Task<Dictionary<string, double>> phase)
    {
        var figures = await phase;
        figures["peak_working_set_bytes"] = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(JsonSerializer.Serialize(figures));
        return 0;
    }

    /// <summary>Runs this program again with the phase's arguments and the ingesting processes' GC; its stderr (progress) passes through.</summary>
    public static async Task<Dictionary<string, double>> RunChildAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };

        // The phases are the ingest and its parts: they run with the GC of the processes that ingest, the web app's and
        // the CLI's (server GC; see InvestigationConsole.Cli.csproj), not with the workstation GC of this program.
        start.Environment["DOTNET_gcServer"] = "1";
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(Phases).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"phase {args[0]} failed with exit code {child.ExitCode}: {output}");
        }

        return JsonSerializer.Deserialize<Dictionary<string, double>>(output.Trim().Split('\n')[^1])!;
    }

    public static void Progress(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {message}"));
}

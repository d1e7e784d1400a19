using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using InvestigationConsole.Application.Simulation;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// <c>ingest --scenario demo|seed [--limit-requests N]</c>: generates the scenario (not timed), then on the same machine
/// measures (a) the raw SQLite insert ceiling for as many request rows as will be ingested, (b) the real end-to-end ingest
/// with its peak working set, and the reading thread's parse and feature rates; prints a markdown table.
/// </summary>
internal static class IngestBenchmark
{
    private const double TargetRequestsPerSecond = 55_000;
    private const double TargetShareOfRaw = 0.5;
    private const long MemoryBudgetBytes = 1L << 30;

    public static async Task<int> RunAsync(string[] args)
    {
        var scenario = Arguments.Option(args, "--scenario") ?? ScenarioNames.Demo;
        var seed = int.Parse(Arguments.Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        var limit = Arguments.Option(args, "--limit-requests") is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : long.MaxValue;
        var work = Arguments.Option(args, "--work") ?? Path.Combine(Path.GetTempPath(), $"ic-bench-{scenario}-{Guid.NewGuid():N}");
        var export = Arguments.Option(args, "--export") ?? Path.Combine(work, "export");
        try
        {
            if (Arguments.Option(args, "--export") is null)
            {
                Phases.Progress($"generating {scenario} (seed {seed}) into {export} (not timed)");
                var generated = await new ScenarioGenerator().GenerateAsync(new ScenarioOptions
                {
                    ScenarioName = scenario,
                    Seed = seed,
                    OutputDirectory = export,
                    End = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
                });
                Phases.Progress($"generated {generated.Accounts:N0} accounts, {generated.Requests:N0} requests, {generated.BytesWritten / 1e9:N2} GB in {generated.Elapsed.TotalSeconds:N0} s");
            }

            var accounts = Directory.GetFiles(export, "accounts*.jsonl").Order(StringComparer.Ordinal).ToList();
            var requests = new List<string>();
            var requestLines = 0L;
            foreach (var file in Directory.GetFiles(export, "requests*.jsonl").Order(StringComparer.Ordinal))
            {
                if (requestLines >= limit)
                {
                    break;
                }

                requests.Add(file);
                requestLines += CountLines(file);
            }

            Phases.Progress($"measuring {requests.Count} request files, {requestLines:N0} lines");
            var rows = requestLines.ToString(CultureInfo.InvariantCulture);
            var raw = await Phases.RunChildAsync(Phases.RawInsert, Path.Combine(work, "raw"), rows);
            var ingest = await Phases.RunChildAsync([Phases.Ingest, Path.Combine(work, "ingest"), .. accounts, .. requests]);
            var parse = await Phases.RunChildAsync([Phases.Parse, Math.Min(requestLines, 2_000_000).ToString(CultureInfo.InvariantCulture), .. requests]);
            Console.WriteLine(Report(scenario, raw, ingest, parse));
            return 0;
        }
        finally
        {
            if (!args.Contains("--keep") && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static string Report(
        string scenario, Dictionary<string, double> raw, Dictionary<string, double> ingest, Dictionary<string, double> parse)
    {
        var requestRate = ingest["requests_lines"] / ingest["requests_seconds"];
        var endToEnd = (ingest["requests_lines"] + ingest.GetValueOrDefault("accounts_lines")) / ingest["total_seconds"];
        var share = requestRate / raw["rows_per_second"];
        var peak = ingest["peak_working_set_bytes"];
        var busy = ingest["lookup_seconds"] + ingest["commit_seconds"] + ingest["snapshot_seconds"] + ingest["register_seconds"];
        string Pass(bool ok) => ok ? "meets" : "**misses**";
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        string S(double seconds) => seconds.ToString("N1", CultureInfo.InvariantCulture) + " s";
        string Share(double seconds) => (seconds / ingest["total_seconds"]).ToString("P0", CultureInfo.InvariantCulture);

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Ingest benchmark: `{scenario}`, {N(ingest["requests_lines"])} request lines, {N(ingest.GetValueOrDefault("accounts_lines"))} account lines");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} logical cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, SQLite {raw["sqlite_version_major"]}.{raw["sqlite_version_minor"]}");
        text.AppendLine();
        text.AppendLine("| measure | value | target |");
        text.AppendLine("|---|---:|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| (a) raw prepared INSERT into Requests (arrival-order key + day/account index, 20k rows/txn, WAL, synchronous=NORMAL) | {N(raw["rows_per_second"])} rows/s ({N(raw["rows"])} rows in {S(raw["seconds"])}) | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| (b) end-to-end ingest of the request files (register + IngestionRunner) | {N(requestRate)} requests/s ({S(ingest["requests_seconds"])}) | ≥ {N(TargetRequestsPerSecond)}/s: {Pass(requestRate >= TargetRequestsPerSecond)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| (b)/(a) | {share:P0} | ≥ {TargetShareOfRaw:P0}: {Pass(share >= TargetShareOfRaw)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| end-to-end incl. accounts file | {N(endToEnd)} lines/s ({S(ingest["total_seconds"])}) | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| peak working set, ingest process | {peak / 1048576:N0} MiB | ≤ 1 GiB: {Pass(peak <= MemoryBudgetBytes)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| database after ingest | {raw["database_bytes"] / 1e6:N0} MB raw, {ingest["database_bytes"] / 1e6:N0} MB ingested ({ingest["database_bytes"] / ingest["requests_accepted"]:N0} B/request) | |");
        text.AppendLine();
        text.AppendLine("Where the ingest time goes (the writing thread; reading and features run beside it on the other core):");
        text.AppendLine();
        text.AppendLine("| part | time | share of ingest |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| register (SHA-256 of each file) | {S(ingest["register_seconds"])} | {Share(ingest["register_seconds"])} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| snapshot loads (accounts, lookups, stored request keys; read by the first file, then kept while no other process ingests) | {S(ingest["snapshot_seconds"])} | {Share(ingest["snapshot_seconds"])} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| duplicate confirmations (`FindStoredAsync`, keys the in-memory set has seen) | {S(ingest["lookup_seconds"])} | {Share(ingest["lookup_seconds"])} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| batch commits (`CommitAsync`, {N(ingest["batches"])} batches) | {S(ingest["commit_seconds"])} | {Share(ingest["commit_seconds"])} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| the rest: building batches, waiting for the reader | {S(ingest["total_seconds"] - busy)} | {Share(ingest["total_seconds"] - busy)} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Reading thread alone, one core, {N(parse["lines"])} lines: parse {N(parse["parse_lines_per_second"])} lines/s; parse + prompt features {N(parse["parse_and_features_lines_per_second"])} lines/s.");
        return text.ToString();
    }

    private static long CountLines(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        var lines = 0L;
        int read;
        while ((read = file.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
}

using InvestigationConsole.Benchmarks;

// A timed run, not BenchmarkDotNet: the quantities are minutes-long whole-pipeline rates and a process's peak memory.
// Each measured phase runs in a child process of this program so that its peak working set is its own.
return args switch
{
    ["ingest", .. var rest] => await IngestBenchmark.RunAsync(rest),
    ["quality", .. var rest] => await QualityRun.RunAsync(rest),
    ["pages", .. var rest] => await PageBenchmark.RunAsync(rest),
    ["engine", .. var rest] => await EngineBenchmark.RunAsync(rest),
    ["incremental", .. var rest] => await IncrementalBenchmark.RunAsync(rest),
    [Phases.RawInsert, var dataFolder, var rows] =>
        await Phases.ReportAsync(RawInsertPhase.RunAsync(dataFolder, long.Parse(rows, System.Globalization.CultureInfo.InvariantCulture))),
    [Phases.Ingest, var dataFolder, .. var files] => await Phases.ReportAsync(IngestPhase.RunAsync(dataFolder, files)),
    [Phases.Parse, var limit, .. var files] => await Phases.ReportAsync(ParsePhase.RunAsync(long.Parse(limit, System.Globalization.CultureInfo.InvariantCulture), files)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ingest --scenario demo|seed|small [--seed N] [--limit-requests N] [--work DIR] [--keep] | quality --scenario demo|small|benign-only|hydra-only --seed N [--seed N ...] [--work DIR] [--keep] | pages BASEURL EMAIL PASSWORD RUNS PATH... | engine --data DIR [--truth FILE] [--runs N] [--engine-only] | incremental --data DIR --hour FILE [--hour FILE ...]");
    return 2;
}

using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using InvestigationConsole.Application.Common;
using InvestigationConsole.Application.Evaluation;
using InvestigationConsole.Application.Scoring;
using InvestigationConsole.Detection.Linking;
using InvestigationConsole.Detection.Pipeline;
using InvestigationConsole.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// <c>engine --data DIR [--truth FILE] [--runs N]</c>: the whole-population stage of a full run without reading a request.
/// Loads the registry, lookups and stored analyses of a scored database (opened read-only, never migrated), then times
/// <see cref="DetectionEngine.Run"/> and the prepare step (<see cref="DetectionWriteBuilder.Build"/> plus
/// <see cref="AnalysisCodec.Encode"/> of every analysis, as a full run does) and judges the result against truth.json.
/// <c>--engine-only</c> skips the prepare step; every run prints a digest of the engine's result, so two builds' runs
/// on one database show whether their results are the same bit for bit. <c>--link-memory</c> alternates runs that keep
/// the link graph's memory (<see cref="LinkMemory"/>, as the web app's runs do; emptied before each, so every run is a
/// full build) with runs that do not, to show what keeping it costs a full run.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var data = Arguments.Option(args, "--data");
        if (data is null)
        {
            Console.Error.WriteLine("engine needs --data DIR (the data folder of a scored database)");
            return 2;
        }

        var truth = Arguments.Option(args, "--truth");
        var runs = int.Parse(Arguments.Option(args, "--runs") ?? "1", CultureInfo.InvariantCulture);
        var engineOnly = args.Contains("--engine-only");
        var linkMemory = args.Contains("--link-memory") ? new LinkMemory() : null;
        var database = Path.GetFullPath(Path.Combine(data, "investigation-console.db"));
        var scratch = Path.Combine(Path.GetTempPath(), $"ic-engine-{Environment.ProcessId}");
        using var host = Start(database, scratch);
        var services = host.Services;

        var load = Stopwatch.StartNew();
        var store = services.GetRequiredService<IDetectionStore>();
        var settings = DetectionSettings.Default;
        var population = new DetectionPopulation(await store.LoadInputsAsync(CancellationToken.None), settings, DateTimeOffset.UtcNow);
        var accounts = population.Accounts;
        var position = new Dictionary<int, int>(accounts.Count);
        for (var i = 0; i < accounts.Count; i++)
        {
            position[accounts[i].Key] = i;
        }

        var analyses = new AccountAnalysis?[accounts.Count];
        await using (var db = services.GetRequiredService<IConsoleDbContextFactory>().Create())
        {
            var stored = await db.AccountAnalyses.AsNoTracking().Select(a => new { a.AccountKey, a.Data }).ToListAsync();
            Parallel.ForEach(stored, snapshot =>
            {
                if (position.TryGetValue(snapshot.AccountKey, out var i))
                {
                    analyses[i] = population.Refresh(AnalysisCodec.Decode(snapshot.Data), i);
                }
            });
        }

        var missing = analyses.Count(a => a is null);
        if (missing > 0)
        {
            Console.Error.WriteLine($"{missing} accounts have no stored analysis: run a full `score` on this database first");
            return 1;
        }

        var all = analyses.Select(a => a!).ToArray();
        load.Stop();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        Phases.Progress(FormattableString.Invariant(
            $"loaded {all.Length:N0} accounts and their analyses in {load.Elapsed.TotalSeconds:0.0} s; managed heap {baseline / 1e9:0.00} GB"));

        DetectionResult? result = null;
        for (var run = 1; run <= runs; run++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (paused, fullCollections) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
            var engine = Stopwatch.StartNew();
            var keep = linkMemory is not null && run % 2 == 1;
            linkMemory?.Forget();
            result = DetectionEngine.Run(all, population.Releases, settings, links: keep ? linkMemory : null);
            engine.Stop();
            var afterEngine = GC.GetTotalAllocatedBytes(precise: true);
            var engineCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            (paused, fullCollections) = (GC.GetTotalPauseDuration() - paused, GC.CollectionCount(2) - fullCollections);
            Console.WriteLine(FormattableString.Invariant(
                $"run {run}: engine{(linkMemory is null ? "" : keep ? " keeping link memory" : " without link memory")} {engine.Elapsed.TotalSeconds:0.00} s (links {result.Seconds["links"]:0.00} s, {engineCpu.TotalSeconds:0.0} s CPU, allocated {(afterEngine - allocated) / 1e9:0.00} GB, GC pauses {paused.TotalSeconds:0.00} s, {fullCollections} full collections); result digest {EngineResultDigest.Of(result)}"));
            if (engineOnly)
            {
                continue;
            }

            // The digest's own time and allocation are not the prepare step's.
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            afterEngine = GC.GetTotalAllocatedBytes(precise: true);

            // As a full run after an unchanged one: every account has its stored score row.
            var prepare = Stopwatch.StartNew();
            var previous = await LoadPreviousAsync(services);
            var loaded = prepare.Elapsed;
            var write = DetectionWriteBuilder.Build(result, population, previous, settings, run, "benchmark", DateTimeOffset.UtcNow);
            var built = prepare.Elapsed;
            var encoded = new byte[all.Length][];
            Parallel.For(0, all.Length, i => encoded[i] = AnalysisCodec.Encode(all[i]));
            prepare.Stop();
            var kept = Stopwatch.StartNew();
            var keptLinks = DetectionWriteBuilder.KeptLinks(result.Graph, settings.Clustering.StrongLinkWeight).Count();
            kept.Stop();
            Console.WriteLine(FormattableString.Invariant(
                $"prepare: previous scores {loaded.TotalSeconds:0.00} s, rows {(built - loaded).TotalSeconds:0.00} s ({write.Scores.Count:N0} rows to write; choosing {keptLinks:N0} kept links alone {kept.Elapsed.TotalSeconds:0.00} s), encode {(prepare.Elapsed - built).TotalSeconds:0.00} s"));
            if (run == 1)
            {
                MeasureCodec(encoded);
            }

            var afterPrepare = GC.GetTotalAllocatedBytes(precise: true);
            var prepareCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(FormattableString.Invariant(
                $"run {run}: prepare {prepare.Elapsed.TotalSeconds:0.00} s ({prepareCpu.TotalSeconds:0.0} s CPU, allocated {(afterPrepare - afterEngine) / 1e9:0.00} GB); {write.Scores.Count(s => s.Flagged):N0} flagged, {write.Clusters.Count:N0} clusters ({write.Clusters.Count(c => c.IsCampaign):N0} campaigns), {write.Links.Count:N0} links kept of {result.Graph.Links.Count:N0}"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e9:0.00} GB (the loaded analyses {baseline / 1e9:0.00} GB of managed heap included)"));
        if (truth is not null && result is not null)
        {
            var report = ExportEvaluation.Judge(truth, accounts.Select(a => a.AccountId).ToArray(), accounts.Sum(a => a.RequestCount), result, examples: 20);
            QualityRun.Print(report);
        }

        Directory.Delete(scratch, recursive: true);
        return 0;
    }

    private static async Task<Dictionary<int, PreviousScore>> LoadPreviousAsync(IServiceProvider services)
    {
        await using var db = services.GetRequiredService<IConsoleDbContextFactory>().Create();
        return await db.AccountRiskScores.AsNoTracking()
            .Select(r => new { r.AccountKey, r.Score, r.Flagged, r.FirstFlaggedAt, r.ContentHash })
            .ToDictionaryAsync(r => r.AccountKey, r => new PreviousScore(r.Score, r.Flagged, r.FirstFlaggedAt, r.ContentHash));
    }

    /// <summary>The stored layout as it is, and compressed two ways: bytes, and the time to decode every analysis (parallel).</summary>
    private static void MeasureCodec(byte[][] encoded)
    {
        Time("binary", encoded, data => data);
        Time("binary + Brotli q1", encoded.Select(data => Compress(data, s => new BrotliStream(s, new BrotliCompressionOptions { Quality = 1 }))).ToArray(),
            data => Decompress(data, s => new BrotliStream(s, CompressionMode.Decompress)));
        Time("binary + Deflate fastest", encoded.Select(data => Compress(data, s => new DeflateStream(s, CompressionLevel.Fastest))).ToArray(),
            data => Decompress(data, s => new DeflateStream(s, CompressionMode.Decompress)));

        static void Time(string name, byte[][] stored, Func<byte[], byte[]> undo)
        {
            var watch = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            Parallel.For(0, stored.Length, i => AnalysisCodec.Decode(undo(stored[i])));
            Console.WriteLine(FormattableString.Invariant(
                $"codec {name}: {stored.Sum(d => (long)d.Length) / 1e6:0.0} MB, decoding every analysis {watch.Elapsed.TotalSeconds:0.00} s ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00} s CPU)"));
        }

        static byte[] Compress(byte[] data, Func<Stream, Stream> wrap)
        {
            using var output = new MemoryStream();
            using (var stream = wrap(output))
            {
                stream.Write(data);
            }

            return output.ToArray();
        }

        static byte[] Decompress(byte[] data, Func<Stream, Stream> wrap)
        {
            using var output = new MemoryStream(data.Length * 3);
            using (var stream = wrap(new MemoryStream(data)))
            {
                stream.CopyTo(output);
            }

            return output.ToArray();
        }
    }

    /// <summary>The production services over the database opened read-only; keys and job storage go to a scratch folder.</summary>
    private static IHost Start(string database, string scratch)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Storage:DataFolder"] = scratch,
            ["ConnectionStrings:InvestigationConsole"] = $"Data Source={database};Mode=ReadOnly",
        });
        builder.Logging.ClearProviders();
        builder.AddInfrastructure();
        return builder.Build();
    }
}

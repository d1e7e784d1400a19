using System.Globalization;
using System.Text.Json;
using InvestigationConsole.Application.Simulation;

namespace InvestigationConsole.Application.Tests.Simulation;

/// <summary>One request line as the tests look at it.</summary>
public sealed record RequestRow(
    string File, int Line, string RequestId, DateTimeOffset Ts, string AccountId, string Ip, string Model, int Status, int ToolCount, int Turns, string Prompt);

/// <summary>A scenario generated into a temporary folder once per test class, parsed for assertions, deleted afterwards.</summary>
public abstract class GeneratedScenario(string scenario, int seed, bool injectBadLines = false) : IAsyncLifetime
{
    public static readonly DateTimeOffset End = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private JsonDocument? _truth;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"ic-sim-{scenario}-{seed}-{Guid.NewGuid():N}");

    public ScenarioSummary Summary { get; private set; } = null!;

    public JsonElement Truth => _truth!.RootElement;

    public IReadOnlyList<string> RequestFiles { get; private set; } = [];

    /// <summary>Every contract-valid request line, in file order.</summary>
    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];

    /// <summary>The registry after upserts: the last line per account wins.</summary>
    public IReadOnlyDictionary<string, JsonElement> Registry { get; private set; } = new Dictionary<string, JsonElement>();

    public ScenarioOptions Options => new() { ScenarioName = scenario, Seed = seed, OutputDirectory = Folder, End = End, InjectBadLines = injectBadLines };

    public string Label(string accountId) => Truth.GetProperty("accounts").GetProperty(accountId).GetProperty("label").GetString()!;

    public static IEnumerable<(int Line, string Text)> Lines(string path) =>
        File.ReadLines(path).Select((text, index) => (index + 1, text));

    public async Task InitializeAsync()
    {
        Summary = await new ScenarioGenerator().GenerateAsync(Options);
        _truth = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Folder, "truth.json")));
        RequestFiles = Directory.GetFiles(Folder, "requests-*.jsonl").Order(StringComparer.Ordinal).ToArray();
        Requests = RequestFiles.SelectMany(file => Lines(file)
                .Where(line => ExportContract.RequestViolation(line.Text) is null)
                .Select(line => Parse(Path.GetFileName(file), line.Line, line.Text)))
            .ToArray();
        var registry = new Dictionary<string, JsonElement>();
        foreach (var (_, text) in Lines(Path.Combine(Folder, "accounts.jsonl")).Where(line => ExportContract.AccountViolation(line.Text) is null))
        {
            var element = JsonDocument.Parse(text).RootElement;
            registry[element.GetProperty("account_id").GetString()!] = element;
        }

        Registry = registry;
    }

    public Task DisposeAsync()
    {
        _truth?.Dispose();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static RequestRow Parse(string file, int line, string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return new RequestRow(
            file,
            line,
            root.GetProperty("request_id").GetString()!,
            DateTimeOffset.Parse(root.GetProperty("ts").GetString()!, CultureInfo.InvariantCulture),
            root.GetProperty("account_id").GetString()!,
            root.GetProperty("ip").GetString()!,
            root.GetProperty("model").GetString()!,
            root.GetProperty("status").GetInt32(),
            root.GetProperty("tool_count").GetInt32(),
            root.GetProperty("turns").GetInt32(),
            root.GetProperty("prompt").GetString()!);
    }
}

public sealed class SmallScenario() : GeneratedScenario(ScenarioNames.Small, seed: 7);

public sealed class SmallScenarioWithBadLines() : GeneratedScenario(ScenarioNames.Small, seed: 11, injectBadLines: true);

namespace InvestigationConsole.Application.Tests.Simulation;

public sealed class InjectedBadLinesTests(SmallScenarioWithBadLines scenario) : IClassFixture<SmallScenarioWithBadLines>
{
    private IEnumerable<(string File, int Line, string Reason)> Listed =>
        scenario.Truth.GetProperty("bad_lines").EnumerateArray()
            .Select(b => (b.GetProperty("file").GetString()!, b.GetProperty("line").GetInt32(), b.GetProperty("reason").GetString()!));

    [Fact]
    public void InvalidLines_AreExactlyTheOnesTruthLists()
    {
        var invalid = new HashSet<(string, int)>();
        foreach (var file in Directory.GetFiles(scenario.Folder, "*.jsonl"))
        {
            var name = Path.GetFileName(file);
            var check = name.StartsWith("accounts", StringComparison.Ordinal)
                ? (Func<string, string?>)ExportContract.AccountViolation
                : ExportContract.RequestViolation;
            foreach (var (line, text) in GeneratedScenario.Lines(file))
            {
                if (check(text) is not null)
                {
                    invalid.Add((name, line));
                }
            }
        }

        var listed = Listed.Where(b => !b.Reason.StartsWith("duplicate", StringComparison.Ordinal)).Select(b => (b.File, b.Line)).ToHashSet();
        Assert.Equal(listed.Order(), invalid.Order());
        Assert.InRange(listed.Count, 8, 40);
    }

    [Fact]
    public void BadLines_CoverEveryKindOfDefect()
    {
        var reasons = Listed.Select(b => b.Reason).ToHashSet();
        foreach (var expected in new[] { "invalid JSON", "negative", "ip", "ts", "missing", "string", "duplicate", "1 MiB", "created_at" })
        {
            Assert.Contains(reasons, r => r.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void DuplicateLines_RepeatTheRequestIdOfTheLineBefore()
    {
        foreach (var (file, line, _) in Listed.Where(b => b.Reason.StartsWith("duplicate", StringComparison.Ordinal)))
        {
            var lines = File.ReadLines(Path.Combine(scenario.Folder, file)).ToList();
            Assert.Equal(lines[line - 2], lines[line - 1]);
        }
    }

    [Fact]
    public void ValidRequests_AreAllStillThere_BesideTheInjectedLines()
    {
        var duplicates = Listed.Count(b => b.Reason.StartsWith("duplicate", StringComparison.Ordinal));
        Assert.Equal(scenario.Summary.Requests, scenario.Requests.Count - duplicates);
        Assert.Equal(scenario.Summary.Requests, scenario.Requests.Select(r => r.RequestId).Distinct().Count());
    }
}

using System.Globalization;
using System.Text.Json;

namespace InvestigationConsole.Application.Tests.Simulation;

public sealed class ExportContractTests(SmallScenario scenario) : IClassFixture<SmallScenario>
{
    [Fact]
    public void AccountsFile_EveryLine_MatchesTheContract()
    {
        var violations = GeneratedScenario.Lines(Path.Combine(scenario.Folder, "accounts.jsonl"))
            .Select(line => (line.Line, Reason: ExportContract.AccountViolation(line.Text)))
            .Where(result => result.Reason is not null)
            .ToList();

        Assert.Empty(violations);
        Assert.True(scenario.Registry.Count > 500);
    }

    [Fact]
    public void RequestFiles_EveryLine_MatchesTheContract()
    {
        var lines = 0;
        foreach (var file in scenario.RequestFiles)
        {
            foreach (var (line, text) in GeneratedScenario.Lines(file))
            {
                lines++;
                var reason = ExportContract.RequestViolation(text);
                Assert.True(reason is null, $"{Path.GetFileName(file)}:{line}: {reason}");
            }
        }

        Assert.Equal(scenario.Summary.Requests, lines);
    }

    [Fact]
    public void RequestFiles_OnePerSimulatedDay_NamedByTheUtcDateOfEveryLine()
    {
        Assert.Equal(7, scenario.RequestFiles.Count);
        foreach (var group in scenario.Requests.GroupBy(r => r.File))
        {
            var date = group.Key["requests-".Length..^".jsonl".Length];
            Assert.All(group, r => Assert.Equal(date, r.Ts.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public void RequestFiles_WithinAFile_AreInTimeOrder()
    {
        foreach (var group in scenario.Requests.GroupBy(r => r.File))
        {
            var times = group.Select(r => r.Ts).ToList();
            Assert.Equal(times.Order(), times);
        }
    }

    [Fact]
    public void Requests_AllInsideTheWindow_AndNeverBeforeTheirAccountExisted()
    {
        var start = DateTimeOffset.Parse(scenario.Truth.GetProperty("window").GetProperty("start").GetString()!, CultureInfo.InvariantCulture);
        Assert.All(scenario.Requests, r => Assert.InRange(r.Ts, start, GeneratedScenario.End.AddTicks(-1)));
        foreach (var request in scenario.Requests.Where(r => scenario.Registry.ContainsKey(r.AccountId)))
        {
            var created = DateTimeOffset.Parse(scenario.Registry[request.AccountId].GetProperty("created_at").GetString()!, CultureInfo.InvariantCulture);
            Assert.True(request.Ts >= created, $"{request.RequestId} at {request.Ts} precedes sign-up at {created}");
        }
    }

    [Fact]
    public void RequestIds_WithoutInjectedLines_AreUnique()
    {
        Assert.Equal(scenario.Requests.Count, scenario.Requests.Select(r => r.RequestId).Distinct().Count());
    }

    [Fact]
    public void Requests_UseIPv4AndIPv6_AndPromptsFitTheGatewayCut()
    {
        Assert.Contains(scenario.Requests, r => r.Ip.Contains(':'));
        Assert.Contains(scenario.Requests, r => r.Ip.Contains('.'));
        Assert.All(scenario.Requests, r => Assert.InRange(r.Prompt.Length, 1, 4000));
        Assert.Contains(scenario.Requests, r => r.Status == 429);
        Assert.Contains(scenario.Requests, r => r.Status == 529);
    }

    [Fact]
    public void Truth_WithoutInjectedLines_ListsNoBadLines()
    {
        Assert.Equal(0, scenario.Truth.GetProperty("bad_lines").GetArrayLength());
        Assert.Equal(JsonValueKind.Object, scenario.Truth.GetProperty("accounts").ValueKind);
    }
}

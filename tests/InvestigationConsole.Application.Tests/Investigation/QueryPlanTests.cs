using System.Collections.Concurrent;
using System.Diagnostics;
using InvestigationConsole.Application.Investigation;
using InvestigationConsole.Application.Triage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace InvestigationConsole.Application.Tests.Investigation;

/// <summary>
/// The investigation pages must stay fast at millions of requests: every query they send is planned by SQLite here,
/// and none may read a whole traffic table.
/// </summary>
public sealed class QueryPlanTests(IngestedScenario scenario, ITestOutputHelper output) : IClassFixture<IngestedScenario>
{
    // Lookup values are a few dozen models, user agents and endpoints: reading them whole is fine.
    private static readonly string[] TrafficTables =
        ["Requests", "Accounts", "AccountAddresses", "AccountAddressesRecent", "AccountActivityHours", "AccountActivityHoursRecent", "PromptSamples"];

    [Fact]
    public async Task InvestigationQueries_OnSqlite_NeverScanATrafficTable()
    {
        var account = await scenario.QueryAsync(db => db.Accounts.OrderByDescending(a => a.RequestCount).FirstAsync());
        var address = await scenario.QueryAsync(db => db.AccountAddresses.FirstAsync(a => a.AccountKey == account.Key));

        var commands = await CaptureAsync(async () =>
        {
            await scenario.Get<AccountDossierQuery>().ReadAsync(account.AccountId);
            await scenario.Get<AccountActivityQuery>().ReadAsync(account.Key);
            await scenario.Get<SharedAttributesQuery>().ReadAsync(account.Key);
            await scenario.Get<EvidenceSamplesQuery>().ReadAsync(account.Key);
            var search = scenario.Get<AccountSearch>();
            await search.SearchAsync(account.AccountId);
            await search.SearchAsync(account.AccountId[..^3]);
            await search.SearchAsync(address.Ip);
            await search.SearchAsync(address.IpPrefix);
        });

        Assert.True(commands.Count >= 15, $"only {commands.Count} commands were captured");
        foreach (var command in commands)
        {
            var plan = await ExplainAsync(command);
            output.WriteLine(command.Text);
            output.WriteLine(string.Join(Environment.NewLine, plan.Select(p => "  " + p)));
            Assert.DoesNotContain(plan, line => ScansTrafficTable(line, command.Text));
        }
    }

    [Fact]
    public async Task TriageQueries_OnSqlite_ReadTheScoreTableOnlyThroughAnIndex()
    {
        var commands = await CaptureAsync(async () =>
        {
            await scenario.Get<TriageDashboard>().ReadAsync("ana@corp.example");
            var queue = scenario.Get<TriageQueue>();
            foreach (var scope in Enum.GetValues<QueueScope>())
            {
                await queue.ReadAsync(new QueueFilter { Scope = scope }, "ana@corp.example");
            }
        });

        Assert.True(commands.Count >= 7, $"only {commands.Count} commands were captured");
        foreach (var command in commands)
        {
            var plan = await ExplainAsync(command);
            output.WriteLine(command.Text);
            output.WriteLine(string.Join(Environment.NewLine, plan.Select(p => "  " + p)));

            // A covering index scan reads 226k small entries; the table itself holds every account's explanation.
            Assert.DoesNotContain(plan, line => Scans(line, command.Text, "AccountRiskScores") && !line.Contains("COVERING INDEX", StringComparison.Ordinal));
        }
    }

    /// <summary>SQLite names the alias, not the table, in "SCAN a": resolve the alias from the statement.</summary>
    private static bool ScansTrafficTable(string planLine, string sql) => TrafficTables.Any(table => Scans(planLine, sql, table));

    private static bool Scans(string planLine, string sql, string table)
    {
        if (!planLine.StartsWith("SCAN ", StringComparison.Ordinal))
        {
            return false;
        }

        var name = planLine[5..].Split(' ')[0];
        return name == table || sql.Contains($"\"{table}\" AS \"{name}\"", StringComparison.Ordinal);
    }

    private async Task<List<CapturedCommand>> CaptureAsync(Func<Task> work)
    {
        var dataFolder = scenario.Host.DataFolder;
        var captured = new ConcurrentQueue<CapturedCommand>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new ListenerObserver(listener =>
        {
            if (listener.Name != DbLoggerCategory.Name)
            {
                return null;
            }

            return listener.Subscribe(new EventObserver(pair =>
            {
                if (pair.Key == RelationalEventId.CommandExecuting.Name && pair.Value is CommandEventData data
                    && data.Command.Connection is SqliteConnection connection && connection.DataSource.StartsWith(dataFolder, StringComparison.Ordinal))
                {
                    captured.Enqueue(new CapturedCommand(connection.ConnectionString, data.Command.CommandText,
                        data.Command.Parameters.Cast<SqliteParameter>().Select(p => (p.ParameterName, p.Value)).ToArray()));
                }
            }));
        }));
        await work();
        return [.. captured];
    }

    private static async Task<List<string>> ExplainAsync(CapturedCommand command)
    {
        await using var connection = new SqliteConnection(command.ConnectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Text;
        foreach (var (name, value) in command.Parameters)
        {
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    private sealed record CapturedCommand(string ConnectionString, string Text, (string Name, object? Value)[] Parameters);

    private sealed class ListenerObserver(Func<DiagnosticListener, IDisposable?> onListener) : IObserver<DiagnosticListener>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];

        public void OnNext(DiagnosticListener value)
        {
            if (onListener(value) is { } subscription)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(subscription);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }

    private sealed class EventObserver(Action<KeyValuePair<string, object?>> onEvent) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value) => onEvent(value);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}

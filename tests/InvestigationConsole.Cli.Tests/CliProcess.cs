using System.Diagnostics;

namespace InvestigationConsole.Cli.Tests;

/// <summary>Runs the built CLI as a real child process over a temporary data folder.</summary>
internal sealed class CliProcess : IDisposable
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "ic-cli-tests", Guid.NewGuid().ToString("n"));

    /// <summary>Extra environment variables for every run, e.g. <c>Ingest__BatchSize</c>.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string? standardInput, params string[] args)
    {
        using var process = Start(args);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteLineAsync(standardInput);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts the CLI without waiting for it; the caller drains its output, waits for it or kills it.</summary>
    public Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "investigation-console.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Storage__DataFolder"] = DataFolder;
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in Settings)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

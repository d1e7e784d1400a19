using System.CommandLine;
using InvestigationConsole.Cli.Commands;

namespace InvestigationConsole.Cli;

internal static class ConsoleCommands
{
    public static RootCommand Build() => new("InvestigationConsole command line: the console's use cases, headless. " +
                                              "Uses the same configuration and database as the web app.")
    {
        IngestCommand.Build(),
        ScoreCommand.Build(),
        ExportCommand.Build(),
        EvaluateCommand.Build(),
        GenerateCommand.Build(),
        UsersCommand.Build(),
    };
}

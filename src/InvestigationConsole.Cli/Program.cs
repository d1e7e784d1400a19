using InvestigationConsole.Cli;

return await ConsoleCommands.Build().Parse(args).InvokeAsync();

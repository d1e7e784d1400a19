using System.CommandLine;
using InvestigationConsole.Application.Users;
using InvestigationConsole.Domain;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace InvestigationConsole.Cli.Commands;

internal static class UsersCommand
{
    public static Command Build() => new("users", "Manage the console's users.") { Add(), List() };

    private static Command Add()
    {
        var email = new Argument<string>("email") { Description = "E-mail address, also the sign-in name." };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        var passwordFromStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of standard input. Without it, a strong password is generated and printed once.",
        };
        var command = new Command("add", "Create a user with one role (how the first Admin of a production install is made).") { email, role, passwordFromStdin };
        command.SetAction((parse, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            string? password = null;
            if (parse.GetValue(passwordFromStdin))
            {
                password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r');
                if (string.IsNullOrEmpty(password))
                {
                    await Console.Error.WriteLineAsync("--password-stdin was given but standard input had no password.");
                    return 2;
                }
            }

            var outcome = await services.GetRequiredService<UserAdministration>()
                .AddAsync(parse.GetValue(email)!, parse.GetValue(role)!, password, actor: $"cli:{Environment.UserName}", ct);
            if (!outcome.Succeeded)
            {
                foreach (var error in outcome.Errors)
                {
                    await Console.Error.WriteLineAsync(error);
                }

                return 1;
            }

            Console.WriteLine($"Created {parse.GetValue(email)} with role {outcome.Role}.");
            if (outcome.GeneratedPassword is not null)
            {
                Console.WriteLine($"Generated password (shown once, store it now): {outcome.GeneratedPassword}");
            }

            return 0;
        }, cancellationToken));
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List users with their roles and lock-out state.");
        command.SetAction((_, cancellationToken) => CliHost.RunAsync(async (services, ct) =>
        {
            var users = await services.GetRequiredService<UserAdministration>().ListAsync(ct);
            var table = new Table().AddColumns("E-mail", "Roles", "Status");
            foreach (var user in users)
            {
                var status = user.LockedOut ? $"locked until {user.LockoutEnd:yyyy-MM-dd HH:mm} UTC" : "active";
                table.AddRow(Markup.Escape(user.Email), Markup.Escape(string.Join(", ", user.Roles)), status);
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"[grey]{users.Count} user(s)[/]");
            return 0;
        }, cancellationToken));
        return command;
    }
}

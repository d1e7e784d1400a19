namespace InvestigationConsole.Benchmarks;

/// <summary>The benchmarks' command-line options: <c>--name value</c> pairs after the command.</summary>
internal static class Arguments
{
    /// <summary>The value after the first <paramref name="name"/>, or null when it is absent or last.</summary>
    public static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>The value after every <paramref name="name"/>, in order (a repeatable option).</summary>
    public static string[] Options(string[] args, string name) =>
        args.Select((arg, i) => (arg, i)).Where(p => p.arg == name && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToArray();
}

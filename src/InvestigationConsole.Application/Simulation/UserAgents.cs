using System.Text;

namespace InvestigationConsole.Application.Simulation;

/// <summary>The user agents clients send, grouped by kind of client.</summary>
internal static class UserAgents
{
    /// <summary>Third-party chat apps that call the API with the user's key and their own system prompt.</summary>
    public static readonly (string Name, string SystemPrompt)[] DesktopClients =
    [
        ("ChatDesk", "You are ChatDesk, a friendly and concise assistant. Use Markdown for formatting."),
        ("Quillbox", "You are a helpful writing and research assistant inside Quillbox. Answer clearly."),
        ("Parley", "You are Parley, a general assistant. Be accurate, cite uncertainty, keep answers short."),
    ];

    private static readonly List<string> Texts = [];
    private static readonly (int Start, int Count) Browsers = Add(
        from os in new[] { "Windows NT 10.0; Win64; x64", "Macintosh; Intel Mac OS X 10_15_7", "X11; Linux x86_64" }
        from version in new[] { 124, 125, 126, 127, 128 }
        select $"Mozilla/5.0 ({os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{version}.0.0.0 Safari/537.36");

    private static readonly (int Start, int Count) Desktop = Add(
        from client in DesktopClients
        from version in new[] { "2.3.1", "2.4.0", "2.4.2", "3.0.0" }
        from os in new[] { "Macintosh; arm64", "Windows NT 10.0", "Linux x86_64" }
        select $"{client.Name}/{version} ({os})");

    private static readonly (int Start, int Count) Sdks = Add(
        (from minor in Enumerable.Range(36, 9) select $"frontier-sdk-python/1.{minor}.0")
        .Concat(from minor in Enumerable.Range(30, 8) select $"frontier-sdk-typescript/0.{minor}.1"));

    private static readonly (int Start, int Count) Scripting = Add(
        ["python-httpx/0.25.2", "python-httpx/0.27.0", "python-requests/2.31.0", "python-requests/2.32.3",
         "node-fetch/3.3.2", "axios/1.7.2", "Go-http-client/2.0", "okhttp/4.12.0", "curl/8.5.0", "curl/8.7.1"]);

    private static readonly (int Start, int Count) Products = Add(
        ["codewright-agent/4.12.0 (node 20.11.1; linux)", "shipyard-cli/1.7.3 python/3.12", "tessellate-agent/0.22.5",
         "acme-assistant/3.2.1 (internal)", "lm-eval-harness/0.4.3 python-httpx/0.27.0"]);

    // Declared after every range so that it encodes all of them.
    public static readonly byte[][] Utf8 = Texts.Select(Encoding.UTF8.GetBytes).ToArray();

    public static ushort Browser(ref SimulationRandom random) => Pick(ref random, Browsers);

    public static ushort DesktopClient(ref SimulationRandom random, out int client)
    {
        var index = Pick(ref random, Desktop);
        client = (index - Desktop.Start) / (Desktop.Count / DesktopClients.Length);
        return index;
    }

    public static ushort Sdk(ref SimulationRandom random) => Pick(ref random, Sdks);

    public static ushort Script(ref SimulationRandom random) => Pick(ref random, Scripting);

    public static ushort Product(ProductClient client) => (ushort)(Products.Start + (int)client);

    private static (int Start, int Count) Add(IEnumerable<string> texts)
    {
        var start = Texts.Count;
        Texts.AddRange(texts);
        return (start, Texts.Count - start);
    }

    private static ushort Pick(ref SimulationRandom random, (int Start, int Count) range) =>
        (ushort)(range.Start + random.Next(range.Count));
}

/// <summary>Clients that one product or team ships; indexes into the product range.</summary>
internal enum ProductClient
{
    Codewright,
    Shipyard,
    Tessellate,
    InternalAssistant,
    EvalHarness,
}

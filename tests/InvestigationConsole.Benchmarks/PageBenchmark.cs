using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace InvestigationConsole.Benchmarks;

/// <summary>
/// Signs in to a running console and loads each investigator page many times over HTTP, reporting p50/p95/max. Each
/// load is the server-side render of the page (its queries included), which is what an investigator waits for before
/// the page shows; charts then draw in the browser.
/// usage: pages BASEURL EMAIL PASSWORD RUNS PATH [PATH ...]
/// </summary>
public static partial class PageBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 5)
        {
            Console.Error.WriteLine("usage: pages BASEURL EMAIL PASSWORD RUNS PATH [PATH ...]");
            return 2;
        }

        var (baseUrl, email, password, runs) = (new Uri(args[0]), args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
        var form = await client.GetStringAsync("/Account/Login");
        var token = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value);
        var login = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.Email"] = email, ["Input.Password"] = password,
        }));
        if (login.StatusCode != HttpStatusCode.Redirect)
        {
            Console.Error.WriteLine($"sign-in of {email} failed: {(int)login.StatusCode}");
            return 1;
        }

        Console.WriteLine($"{"page",-48} {"first ms",9} {"runs",5} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        foreach (var path in args.Skip(4))
        {
            // The first load is reported apart: it pays for JIT and fills the figures cached per data version.
            var first = Stopwatch.StartNew();
            var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            first.Stop();
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"{path}: {(int)response.StatusCode}");
                return 1;
            }

            var times = new List<double>(runs);
            for (var i = 0; i < runs; i++)
            {
                var watch = Stopwatch.StartNew();
                using var page = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                watch.Stop();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path,-48} {first.Elapsed.TotalMilliseconds,9:0} {runs,5} {Percentile(times, 0.50),8:0} {Percentile(times, 0.95),8:0} {times[^1],8:0}"));
        }

        return 0;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

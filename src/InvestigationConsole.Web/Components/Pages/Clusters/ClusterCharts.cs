using System.Globalization;
using InvestigationConsole.Application.Clusters;
using Vizor.ECharts;

namespace InvestigationConsole.Web.Components.Pages.Clusters;

/// <summary>A link type's look on the graph: its colour and dash, shown in the legend.</summary>
public sealed record EdgeStyle(string Type, string Colour, LineTypeStyle Dash);

/// <summary>Shapes a cluster dossier into ECharts options: the force-directed member graph and the stacked hourly timeline.</summary>
public static class ClusterCharts
{
    /// <summary>The risk scale over 0–100 scores, low to high; red starts at the default flag threshold (60).</summary>
    public static readonly IReadOnlyList<(double From, string Colour, string Label)> RiskScale =
    [
        (double.NegativeInfinity, "#2e7d32", "< 30"),
        (30, "#f9a825", "30–45"),
        (45, "#ef6c00", "45–60"),
        (60, "#c62828", "≥ 60"),
    ];

    private static readonly Dictionary<string, EdgeStyle> EdgeStyles = new(StringComparer.Ordinal)
    {
        ["Payment"] = new("Payment", "#6a1b9a", LineTypeStyle.Solid),
        ["SignupIp"] = new("SignupIp", "#1565c0", LineTypeStyle.Solid),
        ["RequestIp"] = new("RequestIp", "#0277bd", LineTypeStyle.Dashed),
        ["Prefix"] = new("Prefix", "#00838f", LineTypeStyle.Dotted),
        ["ApiBehaviour"] = new("ApiBehaviour", "#546e7a", LineTypeStyle.Dotted),
        ["Template"] = new("Template", "#d81b60", LineTypeStyle.Solid),
        ["Synchrony"] = new("Synchrony", "#ff8f00", LineTypeStyle.Dashed),
        ["SignupBurst"] = new("SignupBurst", "#5d4037", LineTypeStyle.Dashed),
        ["ModelPivot"] = new("ModelPivot", "#2e7d32", LineTypeStyle.Dotted),
    };

    private static readonly EdgeStyle UnknownEdge = new("Unknown", "#9e9e9e", LineTypeStyle.Dotted);

    public static string RiskColour(double score) => RiskScale.Last(s => score >= s.From).Colour;

    public static EdgeStyle EdgeStyleFor(string type) => EdgeStyles.GetValueOrDefault(type, UnknownEdge);

    /// <summary>Node size grows with the log of requests, so one heavy account does not hide the rest.</summary>
    public static double NodeSize(long requests) => Math.Round(8 + (4 * Math.Log10(1 + Math.Max(0, requests))), 1);

    /// <summary>The edge styles the graph uses, in a stable order, for the legend.</summary>
    public static IReadOnlyList<EdgeStyle> UsedEdgeStyles(IEnumerable<ClusterGraphLink> links) =>
        links.Select(l => EdgeStyleFor(l.PrimaryType)).Distinct().OrderBy(s => s.Type, StringComparer.Ordinal).ToList();

    public static Vizor.ECharts.ChartOptions Graph(ClusterDossierView view)
    {
        var nodes = view.Members.Select(m => new GraphSeriesData(m.AccountId, 0, 0)
        {
            X = null,
            Y = null,
            Value = Math.Round(m.Score, 1),
            SymbolSize = NodeSize(m.Requests),
            ItemStyle = new ItemStyle { Color = RiskColour(m.Score) },
        }).ToList();
        var links = view.Links.Select(l =>
        {
            var style = EdgeStyleFor(l.PrimaryType);
            return new GraphSeriesLink
            {
                Source = l.SourceId,
                Target = l.TargetId,
                Value = Math.Round(l.Weight, 3),
                LineStyle = new LineStyle { Color = style.Colour, Type = style.Dash, Width = l.IsStrong ? 2 : 1, Opacity = l.IsStrong ? 0.9 : 0.5 },
            };
        }).ToList();

        return new Vizor.ECharts.ChartOptions
        {
            Tooltip = new Tooltip { Trigger = TooltipTrigger.Item },
            Series =
            [
                new GraphSeries
                {
                    Name = "Members",
                    Layout = GraphLayout.Force,
                    Roam = Roam.True,
                    Draggable = true,
                    Force = LayoutFor(nodes.Count),
                    Label = new Label { Show = false },
                    Emphasis = new Emphasis { Focus = "adjacency" },
                    Data = nodes,
                    Links = links,
                },
            ],
        };
    }

    /// <summary>Large graphs need less repulsion and more gravity, or the force layout spreads them past the chart.</summary>
    private static Force LayoutFor(int nodes) => nodes > 100
        ? new Force { Repulsion = 40, EdgeLength = 25, Gravity = 0.3 }
        : new Force { Repulsion = 220, EdgeLength = 70, Gravity = 0.08 };

    public static Vizor.ECharts.ChartOptions Timeline(ClusterTimeline timeline)
    {
        var hours = timeline.Hours.Select(h => h.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).ToList();
        return new Vizor.ECharts.ChartOptions
        {
            Tooltip = new Tooltip { Trigger = TooltipTrigger.Axis },
            Legend = new Legend { Type = LegendType.Scroll, Top = 0 },
            XAxis = new XAxis { Type = AxisType.Time },
            YAxis = new YAxis { Type = AxisType.Value, Name = "requests / hour" },
            DataZoom = [new InsideDataZoom(), new SliderDataZoom()],
            Series = timeline.Series.Select(s => (ISeries)new LineSeries
            {
                Name = s.Name,
                Stack = "requests",
                ShowSymbol = false,
                AreaStyle = new AreaStyle { Opacity = 0.6 },
                Data = hours.Select((h, i) => new object[] { h, s.Requests[i] }).ToList(),
            }).ToList(),
        };
    }
}

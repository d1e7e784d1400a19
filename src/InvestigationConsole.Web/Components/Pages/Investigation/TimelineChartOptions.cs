using Vizor.ECharts;

namespace InvestigationConsole.Web.Components.Pages.Investigation;

/// <summary>The ECharts options of the activity timeline: stacked bars per model, tokens as a line on a second axis.</summary>
public static class TimelineChartOptions
{
    public const string ReleaseColor = "#7b1fa2";
    public const string BurstColor = "#d84315";
    public const string FlagColor = "#c62828";

    private static string ColorOf(TimelineMarker marker) => marker.IsFlag ? FlagColor : marker.IsRelease ? ReleaseColor : BurstColor;

    public static Vizor.ECharts.ChartOptions Build(TimelineData data, bool showTokens)
    {
        var series = new List<ISeries>();
        foreach (var model in data.Models)
        {
            series.Add(new BarSeries { Name = model.Model, Stack = "requests", Data = model.Requests });
        }

        if (series.Count > 0 && data.Markers.Count > 0)
        {
            ((BarSeries)series[0]).MarkLine = new MarkLine
            {
                Symbol = "none",
                Silent = true,
                Data = data.Markers.Select(m => (object)new
                {
                    xAxis = m.Hour,
                    name = m.Label,
                    lineStyle = new { type = m.IsFlag ? "solid" : m.IsRelease ? "dashed" : "dotted", color = ColorOf(m), width = m.IsFlag ? 2 : 1.5 },
                    label = new { formatter = m.Label, position = "insideEndTop", fontSize = 11, color = ColorOf(m) },
                }).ToArray(),
            };
        }

        if (showTokens)
        {
            series.Add(new LineSeries { Name = "tokens", YAxisIndex = 1, Data = data.Tokens, ShowSymbol = false });
        }

        return new Vizor.ECharts.ChartOptions
        {
            Tooltip = new() { Trigger = TooltipTrigger.Axis },
            Legend = new() { Top = "0" },
            Grid = new() { Left = "56", Right = "64", Top = "40", Bottom = "72" },
            XAxis = new() { Type = AxisType.Category, Data = data.Hours.ToArray() },
            YAxisList =
            [
                new() { Type = AxisType.Value, Name = "requests" },
                new() { Type = AxisType.Value, Name = "tokens", Show = showTokens, SplitLine = new() { Show = false } },
            ],
            DataZoom = [new SliderDataZoom { Bottom = "12" }, new InsideDataZoom()],
            Series = series,
        };
    }
}

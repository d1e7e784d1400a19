using System.Globalization;
using InvestigationConsole.Application.Triage;
using Vizor.ECharts;

namespace InvestigationConsole.Web.Components.Pages.Triage;

/// <summary>The score trend as a step line over time, flag threshold dashed, flagged points red.</summary>
public static class RiskTrendChart
{
    public static Vizor.ECharts.ChartOptions Options(IReadOnlyList<ScorePoint> history, double threshold) => new()
    {
        Grid = new Grid { Left = 36, Right = 12, Top = 16, Bottom = 28 },
        Tooltip = new Tooltip { Trigger = TooltipTrigger.Axis },
        XAxis = new XAxis { Type = AxisType.Time, SplitNumber = 3, AxisLabel = new AxisLabel { HideOverlap = true } },
        YAxis = new YAxis { Type = AxisType.Value, Min = 0, Max = 100 },
        Series =
        [
            new LineSeries
            {
                Name = "score",
                Step = Step.End,
                Data = history.Select(p => (object)new
                {
                    value = new object[] { p.At.UtcDateTime.ToString("o", CultureInfo.InvariantCulture), Math.Round(p.Score, 1) },
                    itemStyle = new { color = p.Flagged ? "#c62828" : "#5c6bc0" },
                }).ToArray(),
                MarkLine = new MarkLine
                {
                    Symbol = "none",
                    Label = new Label { Show = false },
                    Data = new object[] { new { yAxis = threshold, name = "flag threshold", lineStyle = new { type = "dashed", color = "#9e9e9e" } } },
                },
            },
        ],
    };
}

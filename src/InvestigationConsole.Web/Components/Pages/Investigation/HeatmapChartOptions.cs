using Vizor.ECharts;

namespace InvestigationConsole.Web.Components.Pages.Investigation;

/// <summary>The ECharts options of the activity heat-map: hour of day across, calendar day down.</summary>
public static class HeatmapChartOptions
{
    public static Vizor.ECharts.ChartOptions Build(HeatmapData data) => new()
    {
        Tooltip = new() { Position = TooltipPositionType.Top },
        Grid = new() { Left = "110", Right = "24", Top = "8", Bottom = "64" },
        XAxis = new() { Type = AxisType.Category, Data = HeatmapData.HoursOfDay.ToArray(), Name = "hour (UTC)", NameLocation = NameLocation.Middle, NameGap = 24, SplitArea = new() { Show = true } },
        YAxis = new() { Type = AxisType.Category, Data = data.Days.ToArray(), Inverse = true, SplitArea = new() { Show = true } },
        VisualMap = new ContinuousVisualMap
        {
            Min = 0,
            Max = Math.Max(1, data.Max),
            Calculable = true,
            Orient = Orient.Horizontal,
            Left = "center",
            Bottom = "0",
            ItemHeight = 180,
        },
        Series = [new HeatmapSeries { Name = "requests", Data = data.Cells.Select(c => (object)c).ToArray() }],
    };

    /// <summary>Enough height for every day to stay readable.</summary>
    public static string Height(HeatmapData data) => $"{Math.Max(220, 80 + (data.Days.Count * 18))}px";
}

using System.Globalization;
using InvestigationConsole.Application.Triage;
using Vizor.ECharts;

namespace InvestigationConsole.Web.Components.Pages.Dashboard;

/// <summary>Chart options for the dashboard, built from the read model; pure so tests can check the data shaping.</summary>
public static class DashboardCharts
{
    public const string FlaggedColour = "#c62828";
    public const string ScoredColour = "#5c6bc0";

    public static Vizor.ECharts.ChartOptions RiskDistribution(IReadOnlyList<ScoreBand> bands) => new()
    {
        Grid = new Grid { Left = 48, Right = 16, Top = 24, Bottom = 32 },
        Tooltip = new Tooltip { Trigger = TooltipTrigger.Axis },
        XAxis = new XAxis { Type = AxisType.Category, Name = "score", Data = bands.Select(Label).ToArray() },
        YAxis = new YAxis { Type = AxisType.Value, Name = "accounts" },
        Series =
        [
            new BarSeries
            {
                Name = "accounts",
                Data = bands.Select(b => (object)new { value = b.Accounts, itemStyle = new { color = b.Flagged ? FlaggedColour : ScoredColour } }).ToArray(),
            },
        ],
    };

    public static Vizor.ECharts.ChartOptions FlaggedPerDay(IReadOnlyList<FlaggedDay> days) => new()
    {
        Grid = new Grid { Left = 40, Right = 16, Top = 24, Bottom = 32 },
        Tooltip = new Tooltip { Trigger = TooltipTrigger.Axis },
        XAxis = new XAxis { Type = AxisType.Category, Data = days.Select(d => d.Day.ToString("MMM d", CultureInfo.InvariantCulture)).ToArray() },
        YAxis = new YAxis { Type = AxisType.Value, Name = "newly flagged", MinInterval = 1 },
        Series = [new BarSeries { Name = "newly flagged", Data = days.Select(d => d.Accounts).ToArray(), ItemStyle = new ItemStyle { Color = FlaggedColour } }],
    };

    public static string Label(ScoreBand band) => $"{band.From}–{band.To}";
}

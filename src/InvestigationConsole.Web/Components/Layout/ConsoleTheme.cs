using MudBlazor;

namespace InvestigationConsole.Web.Components.Layout;

/// <summary>The console's palette: calm indigo chrome, with red and amber kept for risk.</summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            AppbarBackground = "#283593",
            Background = "#f5f6fa",
            DrawerBackground = "#ffffff",
            Error = "#c62828",
            Warning = "#ef6c00",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7986cb",
            Secondary = "#4db6ac",
            AppbarBackground = "#1a1f3a",
            Background = "#14161f",
            Surface = "#1d2030",
            DrawerBackground = "#1a1c28",
            Error = "#ef5350",
            Warning = "#ffa726",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}

using InvestigationConsole.Web.Components.Pages.Ingestion;

namespace InvestigationConsole.Web.Tests.Ingestion;

public sealed class IngestionFormatTests
{
    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(10_485_760, "10 MB")]
    [InlineData(2L * 1024 * 1024 * 1024, "2 GB")]
    public void Size_Bytes_UsesTheLargestFittingUnit(long bytes, string expected) => Assert.Equal(expected, IngestionFormat.Size(bytes));

    [Theory]
    [InlineData(0, "—")]
    [InlineData(950, "950 lines/s")]
    [InlineData(25_000, "25k lines/s")]
    [InlineData(1_900_000, "1.9M lines/s")]
    public void Rate_LinesPerSecond_IsShortAndReadable(double rate, string expected) => Assert.Equal(expected, IngestionFormat.Rate(rate));

    [Theory]
    [InlineData(0.4, "< 1 s")]
    [InlineData(4.5, "4.5 s")]
    [InlineData(75, "1 min 15 s")]
    [InlineData(7_500, "2 h 05 min")]
    public void Duration_Seconds_IsShortAndReadable(double seconds, string expected) =>
        Assert.Equal(expected, IngestionFormat.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Eta_Unknown_SaysItIsEstimating() => Assert.Equal("estimating…", IngestionFormat.Eta(0.0005, null));

    [Fact]
    public void Eta_Known_IsTheTimeLeft() => Assert.Equal("1 min 15 s left", IngestionFormat.Eta(0.5, TimeSpan.FromSeconds(75)));

    [Fact]
    public void Eta_EveryLineRead_SaysTheRollupsAreBeingWritten() =>
        Assert.Equal("all lines read, writing the hourly rollups…", IngestionFormat.Eta(1, null));

    [Fact]
    public void UtcAfter_SameDay_IsTheTimeAlone()
    {
        var start = new DateTimeOffset(2026, 11, 28, 23, 59, 0, TimeSpan.Zero);

        Assert.Equal("23:59:30", IngestionFormat.UtcAfter(start.AddSeconds(30), start));
        Assert.Equal("2026-11-29 00:00:30", IngestionFormat.UtcAfter(start.AddSeconds(90), start));
    }
}

using InvestigationConsole.Domain.Triage;
using InvestigationConsole.Web.Components.Pages.Triage;
using MudBlazor;

namespace InvestigationConsole.Web.Tests.Triage;

public sealed class QueueFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.5, "< 1 min")]
    [InlineData(45, "45 min")]
    [InlineData(180, "3 h")]
    [InlineData(47 * 60, "47 h")]
    [InlineData(5 * 24 * 60, "5 d")]
    public void Span_RoundsDownToTheLargestUnit(double minutes, string expected) =>
        Assert.Equal(expected, QueueFormat.Span(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Due_FutureAndPast_SayDueInAndOverdueBy()
    {
        Assert.Equal("due in 3 h", QueueFormat.Due(Now.AddHours(3), Now));
        Assert.Equal("overdue by 2 d", QueueFormat.Due(Now.AddDays(-2), Now));
        Assert.Equal("—", QueueFormat.Due(null, Now));
    }

    [Fact]
    public void SeverityColor_CriticalIsError() =>
        Assert.Equal([Color.Error, Color.Warning, Color.Info], new[] { TriageSeverity.Critical, TriageSeverity.High, TriageSeverity.Medium }.Select(QueueFormat.SeverityColor));

    [Fact]
    public void SignalLabel_ReadsAsWords() => Assert.Equal("chain of thought", QueueFormat.SignalLabel("chain-of-thought"));
}

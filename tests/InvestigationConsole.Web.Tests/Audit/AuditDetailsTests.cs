using InvestigationConsole.Web.Components.Pages.Audit;

namespace InvestigationConsole.Web.Tests.Audit;

public sealed class AuditDetailsTests
{
    [Fact]
    public void Fields_JsonObject_AreItsFieldsInOrder_StringsAsText_OthersAsJson()
    {
        var fields = AuditDetails.Fields("""{"kind":"Incremental","accounts":4657,"flagged":true,"changed":["a","b"],"note":null}""");

        Assert.NotNull(fields);
        Assert.Equal(
            ["kind=Incremental", "accounts=4657", "flagged=true", """changed=["a","b"]""", "note=null"],
            fields.Select(f => $"{f.Key}={f.Value}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("role=Admin")]
    [InlineData("{ not json")]
    [InlineData("[1, 2]")]
    public void Fields_AnythingElse_IsNull_AndShownAsItIs(string? details) => Assert.Null(AuditDetails.Fields(details));
}

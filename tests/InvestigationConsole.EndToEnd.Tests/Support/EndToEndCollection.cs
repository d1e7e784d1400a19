namespace InvestigationConsole.EndToEnd.Tests.Support;

/// <summary>All browser tests share one running app and one browser; each test opens its own browser context.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<ConsoleApp>
{
    public const string Name = "End to end";
}

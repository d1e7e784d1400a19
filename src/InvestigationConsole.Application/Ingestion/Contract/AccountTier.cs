namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>An account's usage tier (<c>tier</c>: free, tier1 … tier4, enterprise).</summary>
public enum AccountTier
{
    Free,
    Tier1,
    Tier2,
    Tier3,
    Tier4,
    Enterprise,
}

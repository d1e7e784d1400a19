namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>The two streams of the gateway export; a file holds exactly one, named by its prefix.</summary>
public enum GatewayStream
{
    Accounts,
    Requests,
}

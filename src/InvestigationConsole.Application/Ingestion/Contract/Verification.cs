namespace InvestigationConsole.Application.Ingestion.Contract;

/// <summary>The strongest identity check an account passed (<c>verification</c>: none, email, phone, id_document).</summary>
public enum Verification
{
    None,
    Email,
    Phone,
    IdDocument,
}

using Microsoft.AspNetCore.Identity;

namespace InvestigationConsole.Infrastructure.Identity;

public sealed class ApplicationUser : IdentityUser
{
}

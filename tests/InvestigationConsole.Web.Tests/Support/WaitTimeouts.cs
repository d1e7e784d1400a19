using System.Runtime.CompilerServices;
using Bunit;

namespace InvestigationConsole.Web.Tests;

/// <summary>
/// bUnit waits one second by default for a render; the suite runs test classes in parallel on two cores, where a
/// render dispatched from a timer can take longer than that. Waits return as soon as their condition holds, so a
/// longer ceiling only changes how long a real failure takes to report.
/// </summary>
internal static class WaitTimeouts
{
    [ModuleInitializer]
    internal static void Raise() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}

namespace InvestigationConsole.Application.Common;

/// <summary>One page of a server-side paged list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);

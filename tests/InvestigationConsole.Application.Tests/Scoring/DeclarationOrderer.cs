using Xunit.Abstractions;
using Xunit.Sdk;

namespace InvestigationConsole.Application.Tests.Scoring;

/// <summary>The step of a test that builds on the state the previous steps left in a shared database.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OrderAttribute(int step) : Attribute
{
    public int Step { get; } = step;
}

/// <summary>Runs a class's tests by their <see cref="OrderAttribute"/>: the steps of one scenario.</summary>
public sealed class DeclarationOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethod.Method.GetCustomAttributes(typeof(OrderAttribute).AssemblyQualifiedName)
            .Select(a => a.GetConstructorArguments().OfType<int>().First()).FirstOrDefault());
}

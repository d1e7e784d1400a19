using InvestigationConsole.Application.Ingestion;

namespace InvestigationConsole.Application.Tests.Ingestion;

/// <summary>Progress&lt;T&gt; posts to the thread pool; a test that stops a run needs the callback before the next batch starts.</summary>
internal sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
{
    public void Report(IngestProgress value) => report(value);
}

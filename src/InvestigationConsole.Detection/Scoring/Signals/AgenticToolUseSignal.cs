namespace InvestigationConsole.Detection.Scoring.Signals;

/// <summary>Share of requests offering or using tools. Coding-agent products are tool-heavy too, hence a modest weight.</summary>
public sealed class AgenticToolUseSignal : RiskSignalRule
{
    public override string Name => "agentic-tool-use";
    public override SignalFamily Family => SignalFamily.Content;

    public override RiskSignal Evaluate(AccountProfile profile, ScoringContext context)
    {
        var weight = context.Settings.ToolUse;
        if (profile.RequestCount < context.Settings.MinPrompts)
        {
            return Silent(weight, $"only {profile.RequestCount:N0} requests: too few to judge tool use");
        }

        var share = (double)profile.ToolUseRequests / profile.RequestCount;
        return Measured(share, weight, $"{share:0%} of {profile.RequestCount:N0} requests offer or call tools");
    }
}

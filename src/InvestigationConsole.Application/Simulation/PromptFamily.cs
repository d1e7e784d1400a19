namespace InvestigationConsole.Application.Simulation;

/// <summary>What a prompt asks for; each family has its own frames in <see cref="PromptCorpus"/>.</summary>
internal enum PromptFamily : byte
{
    Chat,
    Writing,
    CodingQuestion,
    Translation,
    Summarisation,
    Math,
    DataQuestion,
    Vision,
    FollowUp,
    CuriousReasoning,
    AgentTask,
    AgentToolResult,
    SideProjectDigest,
    TicketTriage,
    ContractExtraction,
    ProductCopy,
    EvalStepByStep,
    EvalMultipleChoice,
    EvalJudge,
    EvalCode,
    Homework,
    CotElicitation,
    RubricGrading,
    CensorshipRewrite,
    SweepCoding,
    SweepDataAnalysis,
    SweepComputerUse,
    SweepVision,
    SweepToolStep,
    HydraCoding,
    HydraToolUse,
}

/// <summary>How big a family's exchanges are beyond the prompt text itself.</summary>
internal readonly record struct FamilyTraits(int OutputMin, int OutputMax, int TokensPerEarlierTurn, int AttachedTokens)
{
    private static readonly FamilyTraits[] Table = Build();

    public static FamilyTraits Of(PromptFamily family) => Table[(int)family];

    private static FamilyTraits[] Build()
    {
        var table = new FamilyTraits[Enum.GetValues<PromptFamily>().Length];
        Array.Fill(table, new FamilyTraits(120, 900, 220, 0));
        table[(int)PromptFamily.Chat] = new(40, 500, 160, 0);
        table[(int)PromptFamily.Writing] = new(150, 1200, 300, 0);
        table[(int)PromptFamily.CodingQuestion] = new(150, 1500, 450, 0);
        table[(int)PromptFamily.Translation] = new(30, 600, 200, 0);
        table[(int)PromptFamily.Summarisation] = new(60, 450, 250, 0);
        table[(int)PromptFamily.Vision] = new(80, 700, 250, 1_400);
        table[(int)PromptFamily.FollowUp] = new(40, 900, 350, 0);
        table[(int)PromptFamily.CuriousReasoning] = new(300, 2_200, 300, 0);
        table[(int)PromptFamily.AgentTask] = new(80, 1_200, 900, 0);
        table[(int)PromptFamily.AgentToolResult] = new(40, 1_600, 1_100, 0);
        table[(int)PromptFamily.SideProjectDigest] = new(40, 120, 0, 0);
        table[(int)PromptFamily.TicketTriage] = new(1, 8, 0, 0);
        table[(int)PromptFamily.ContractExtraction] = new(80, 350, 0, 0);
        table[(int)PromptFamily.ProductCopy] = new(90, 260, 0, 0);
        table[(int)PromptFamily.EvalStepByStep] = new(150, 900, 0, 0);
        table[(int)PromptFamily.EvalMultipleChoice] = new(120, 700, 0, 0);
        table[(int)PromptFamily.EvalJudge] = new(120, 450, 0, 0);
        table[(int)PromptFamily.EvalCode] = new(60, 500, 0, 0);
        table[(int)PromptFamily.Homework] = new(200, 1_400, 250, 0);
        table[(int)PromptFamily.CotElicitation] = new(1_500, 7_000, 0, 0);
        table[(int)PromptFamily.RubricGrading] = new(500, 2_000, 0, 0);
        table[(int)PromptFamily.CensorshipRewrite] = new(500, 1_800, 0, 0);
        table[(int)PromptFamily.SweepCoding] = new(900, 5_000, 1_200, 0);
        table[(int)PromptFamily.SweepDataAnalysis] = new(800, 4_000, 1_000, 0);
        table[(int)PromptFamily.SweepComputerUse] = new(600, 3_000, 1_500, 1_600);
        table[(int)PromptFamily.SweepVision] = new(900, 3_500, 0, 1_500);
        table[(int)PromptFamily.SweepToolStep] = new(700, 3_500, 1_300, 0);
        table[(int)PromptFamily.HydraCoding] = new(1_000, 5_500, 1_100, 0);
        table[(int)PromptFamily.HydraToolUse] = new(700, 3_500, 900, 0);
        return table;
    }
}

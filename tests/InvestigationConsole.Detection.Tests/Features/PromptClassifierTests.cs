using InvestigationConsole.Detection.Features;

namespace InvestigationConsole.Detection.Tests.Features;

public class PromptClassifierTests
{
    [Theory]
    [InlineData("Think step by step before you answer.")]
    [InlineData("Please show all your work.")]
    [InlineData("Explain your reasoning in detail before answering.")]
    [InlineData("Write out your complete reasoning, then state the answer on its own line.")]
    [InlineData("Let's think about this carefully and walk me through your reasoning.")]
    [InlineData("Solve it and include all intermediate steps.")]
    [InlineData("Use chain-of-thought: reason through the problem before giving your final answer.")]
    [InlineData("Provide a detailed derivation of the result.")]
    [InlineData("Before responding, reflect on each assumption you make.")]
    [InlineData("Put your thinking in <thinking> tags, then answer.")]
    [InlineData("SOLVE THIS STEP-BY-STEP.")]
    [InlineData("Please reason step by step, and put your final answer within \\boxed{}.")]
    [InlineData("Break down your reasoning into numbered steps.")]
    [InlineData("Output your reasoning inside <reasoning> tags before the answer.")]
    [InlineData("Think through this problem carefully.")]
    public void Classify_ChainOfThoughtPhrasings_ReturnsChainOfThought(string prompt) =>
        AssertHas(prompt, PromptTraits.ChainOfThought);

    [Theory]
    [InlineData("Score this response 1-10 against the rubric.")]
    [InlineData("Which of the two answers is better? Reply with A or B.")]
    [InlineData("Rate the following completion for helpfulness and honesty.")]
    [InlineData("You are an impartial judge. Compare Response A and Response B.")]
    [InlineData("Evaluate the assistant's answer on a scale of 1 to 5 for factual accuracy.")]
    [InlineData("Act as a reward model and assign a numerical score to each completion.")]
    [InlineData("Here is a story. How would you rate it from 1 to 10?")]
    [InlineData("Grade the student's essay using this scoring rubric.")]
    [InlineData("Which response is more helpful to the user?")]
    [InlineData("Here are two responses to the same prompt. Decide which one is better and output [[A]] or [[B]].")]
    [InlineData("Answer 1: Paris. Answer 2: Lyon. Which is better?")]
    public void Classify_GradingPhrasings_ReturnsRubricGrading(string prompt) =>
        AssertHas(prompt, PromptTraits.RubricGrading);

    [Theory]
    [InlineData("You have access to the following tools: search(query), calculator(expression).")]
    [InlineData("When you need data, emit a tool call in JSON and wait for the tool result.")]
    [InlineData("You are an autonomous agent operating a Linux terminal. Respond with the next shell command.")]
    [InlineData("Take a screenshot, then click the Submit button in the browser.")]
    [InlineData("{\"name\": \"get_weather\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {}}}}")]
    [InlineData("Thought: I need the price.\nAction: search\nAction Input: BTC price")]
    [InlineData("Use function calling to return the structured result.")]
    [InlineData("Use the available tools to book the cheapest flight.")]
    public void Classify_AgentPhrasings_ReturnsAgenticToolUse(string prompt) =>
        AssertHas(prompt, PromptTraits.AgenticToolUse);

    [Theory]
    [InlineData("Rewrite this answer about the Tiananmen Square protests so it follows the official position and contains nothing politically sensitive.")]
    [InlineData("Revise the response to remove any criticism of the government.")]
    [InlineData("Make this paragraph politically neutral and safe for publication on the mainland.")]
    [InlineData("Rephrase the following so it aligns with core socialist values.")]
    [InlineData("Please sanitize this history of Xinjiang so it passes censorship.")]
    public void Classify_CensorshipRewritePhrasings_ReturnsCensorshipRewrite(string prompt) =>
        AssertHas(prompt, PromptTraits.CensorshipRewrite);

    [Theory]
    [InlineData("Let's roleplay: you are a pirate captain and I'm your first mate.")]
    [InlineData("hey, how are you doing today?")]
    [InlineData("Pretend you are my girlfriend and ask me about my day.")]
    [InlineData("Stay in character as Sherlock no matter what I say.")]
    [InlineData("I'm feeling lonely tonight, can we just chat?")]
    [InlineData("Pretend to be a grumpy wizard who hates mornings.")]
    [InlineData("What's your favorite movie?")]
    public void Classify_ChatPhrasings_ReturnsConversation(string prompt) =>
        AssertHas(prompt, PromptTraits.Conversation);

    [Theory]
    [InlineData("Write a Python function that parses ISO dates.", PromptTraits.Coding)]
    [InlineData("Why does my React component re-render twice?", PromptTraits.Coding)]
    [InlineData("I get a NullReferenceException in this C# code.", PromptTraits.Coding)]
    [InlineData("Refactor this method to use async/await.", PromptTraits.Coding)]
    [InlineData("How do I write a SQL query that joins two tables?", PromptTraits.Coding)]
    [InlineData("Solve for x: 3x + 7 = 22.", PromptTraits.Math)]
    [InlineData("Prove that the square root of 2 is irrational.", PromptTraits.Math)]
    [InlineData("Find the derivative of sin(x) * e^x.", PromptTraits.Math)]
    [InlineData("What is the probability of rolling two sixes?", PromptTraits.Math)]
    [InlineData("Here is a CSV of monthly sales; find the trend and any outliers.", PromptTraits.DataAnalysis)]
    [InlineData("Load the dataset with pandas and compute the correlation between age and income.", PromptTraits.DataAnalysis)]
    [InlineData("Analyze this data and tell me which cohort churns most.", PromptTraits.DataAnalysis)]
    [InlineData("Is the difference statistically significant? Give the p-value.", PromptTraits.DataAnalysis)]
    [InlineData("Write a short story about a lighthouse keeper.", PromptTraits.Writing)]
    [InlineData("Draft a cover letter for a junior accountant role.", PromptTraits.Writing)]
    [InlineData("Can you help me rewrite this paragraph so it sounds less formal?", PromptTraits.Writing)]
    [InlineData("Compose a haiku about autumn.", PromptTraits.Writing)]
    [InlineData("Translate 'good morning' into Japanese.", PromptTraits.Translation)]
    [InlineData("How do you say 'thank you' in German?", PromptTraits.Translation)]
    [InlineData("English to Spanish: where is the station?", PromptTraits.Translation)]
    [InlineData("What does 'saudade' mean in English?", PromptTraits.Translation)]
    [InlineData("Summarize this article in three bullet points.", PromptTraits.Summarization)]
    [InlineData("TL;DR of the following thread?", PromptTraits.Summarization)]
    [InlineData("Give me the key takeaways from this meeting transcript.", PromptTraits.Summarization)]
    [InlineData("Boil it down for a busy executive.", PromptTraits.Summarization)]
    [InlineData("Describe this image in detail.", PromptTraits.Vision)]
    [InlineData("What is shown in the attached photo?", PromptTraits.Vision)]
    [InlineData("Read the text in this screenshot and transcribe it.", PromptTraits.Vision)]
    [InlineData("What do you see here?", PromptTraits.Vision)]
    [InlineData("Explain how photosynthesis converts light into chemical energy.", PromptTraits.Science)]
    [InlineData("Balance this chemical equation: H2 + O2 -> H2O", PromptTraits.Science)]
    [InlineData("Why does a black hole emit Hawking radiation?", PromptTraits.Science)]
    [InlineData("Is it legal for my landlord to keep my deposit?", PromptTraits.Legal)]
    [InlineData("What counts as a breach of contract in New York?", PromptTraits.Legal)]
    [InlineData("Can my employer sue me for quitting without notice?", PromptTraits.Legal)]
    [InlineData("Does GDPR apply to my newsletter?", PromptTraits.Legal)]
    [InlineData("What are the side effects of ibuprofen?", PromptTraits.Medical)]
    [InlineData("My blood pressure is 150/95, should I see a doctor?", PromptTraits.Medical)]
    [InlineData("What is the usual dosage of amoxicillin for children?", PromptTraits.Medical)]
    [InlineData("Patient presents with chest pain and shortness of breath.", PromptTraits.Medical)]
    public void Classify_CapabilityPhrasings_ReturnsThatArea(string prompt, PromptTraits area) =>
        AssertHas(prompt, area);

    [Fact]
    public void Classify_DistillationStylePrompt_ReturnsEveryTraitItCarries()
    {
        var traits = PromptClassifier.Classify(
            "You have access to the following tools: python, search. Write a Python function that computes the "
            + "integral numerically, think step by step, and then score this answer against the rubric.");

        Assert.Equal(
            PromptTraits.ChainOfThought | PromptTraits.RubricGrading | PromptTraits.AgenticToolUse
            | PromptTraits.Coding | PromptTraits.Math,
            traits);
    }

    [Fact]
    public void Classify_EmptyPrompt_ReturnsNone() => Assert.Equal(PromptTraits.None, PromptClassifier.Classify(""));

    private static void AssertHas(string prompt, PromptTraits expected)
    {
        var traits = PromptClassifier.Classify(prompt);
        Assert.True(traits.HasFlag(expected), $"Expected {expected} in {traits} for \"{prompt}\"");
    }
}

namespace InvestigationConsole.Application.Simulation;

internal static partial class PromptCorpus
{
    private static Dictionary<string, string[]> EverydayBanks() => new()
    {
        ["life_task"] = ["save money on groceries", "get better sleep", "prepare for a job interview", "start running again", "learn to cook simple meals", "keep houseplants alive", "organise my week", "ask for a raise", "plan a trip to Japan on a budget", "stop procrastinating", "make friends in a new city", "train my puppy not to bite"],
        ["recommendation"] = ["a few books", "podcasts", "board games", "a laptop", "houseplants", "hiking trails", "documentaries", "beginner guitar songs", "healthy breakfast ideas", "gift ideas"],
        ["doc_kind"] = ["blog post", "cover letter", "speech", "short story", "LinkedIn post", "product review", "poem", "newsletter intro", "wedding toast", "thank-you note", "essay", "bio for my website"],
        ["length"] = ["short", "200-word", "one-page", "three-paragraph", "500-word", "brief", "detailed"],
        ["recipient"] = ["my landlord", "a client", "my manager", "a professor", "the HR team", "a recruiter", "my neighbour", "the school", "customer support"],
        ["email_purpose"] = ["asking for an extension", "about a late payment", "to decline a meeting politely", "to follow up after an interview", "to complain about a noisy party", "asking for a refund", "to introduce myself", "to reschedule our call"],
        ["phrase"] = ["where is the nearest train station", "I would like to book a table for two", "thank you for your patience", "could you send me the invoice again", "I am allergic to peanuts", "nice to meet you", "how much does this cost"],
        ["short_text"] = ["«sentence»", "«sentence» «sentence»", "Dear team, «sentence» Best regards, «first_name»"],
        ["first_name"] = ["Anna", "Tom", "Wei", "Priya", "Lucas", "Sofia", "Kenji", "Omar", "Elena", "Ben"],
        ["equation"] = ["«2-9»x + «1-20» = «10-90»", "x^2 - «2-12»x + «1-30» = 0", "«2-5»(x - «1-9») = «3-7»x + «1-20»", "log_2(x) + log_2(x - «1-6») = «2-5»", "sin(x) = 0.«1-9» for 0 <= x < 2pi"],
        ["function"] = ["x^«2-5» sin(x)", "e^(«2-7»x) / x", "ln(x^2 + «1-9»)", "sqrt(«2-9»x + 1)", "x cos(x^2)"],
        ["csv_columns"] = ["date, region, product, units, revenue", "user_id, signup_date, plan, churned", "timestamp, sensor_id, temperature, humidity", "order_id, customer, amount, status, country", "student, subject, score, term"],
        ["analysis_goal"] = ["find which region grew fastest", "plot a monthly trend", "detect outliers", "compute retention by cohort", "compare the average score per subject", "forecast next quarter", "group by week and sum"],
        ["numbers"] = ["«10-99», «10-99», «10-99», «10-99», «10-99», «10-99»", "«100-999», «100-999», «100-999», «100-999», «100-999»"],
        ["homework_topic"] = ["the quadratic formula", "Newton's second law", "supply and demand", "mitosis and meiosis", "the causes of World War I", "recursion", "Bayes' theorem", "the Krebs cycle", "integration by parts", "opportunity cost", "the difference between weather and climate"],
        ["assignment"] =
        [
            "Problem «=1-40»: prove that the square root of «=2-7» is irrational.",
            "Exercise «=1-30»: a ball is thrown upward at «=8-30» m/s. How high does it go and when does it land?",
            "Q«=1-12»: write a function that returns the «=2-9»th largest element of a list without sorting the whole list.",
            "Essay prompt: compare the economic causes of «=topic» in two countries of your choice (1,500 words).",
            "Homework «=1-9»: find the eigenvalues of the matrix [[«=1-6», «=1-6»], [«=1-6», «=1-6»]].",
            "Lab report: explain why the measured value of g was «=9-10».«=1-8» m/s^2 instead of 9.81.",
            "Problem set «=2-8», question «=1-6»: find the limit of (1 + «=1-5»/n)^n as n goes to infinity.",
        ],
    };

    private static Dictionary<PromptFamily, string[]> EverydayFamilies() => new()
    {
        [PromptFamily.Chat] =
        [
            "what's a good way to «life_task»?", "I'm trying to «life_task». Any tips?", "Can you recommend «recommendation» for «audience»?",
            "explain «topic» like I'm «6-12» years old", "Is it true that «sentence»", "how do I «life_task» if I only have «1-3» hours a week",
            "What are the pros and cons of «topic»?", "Tell me something interesting about «topic».", "I need «recommendation», any ideas? budget is around $«20-300»",
            "Give me a quick overview of «topic» — just the key points.", "Why do people disagree so much about «topic»?", "hey! can you help me «life_task»",
            "My friend says «sentence» Is that right?", "Could you suggest a weekly plan to «life_task»?", "what should I know before I «life_task»?",
        ],
        [PromptFamily.Writing] =
        [
            "Can you help me rewrite this paragraph so it sounds «tone»?\n\n«paragraph»", "Write a «length» «doc_kind» about «topic» for «audience».",
            "Draft an email to «recipient» «email_purpose». Keep it «tone».", "Proofread this and fix any grammar mistakes:\n\n«paragraph»",
            "Make this sound «tone»: «sentence»", "I need a «doc_kind» for «audience». Here's what I have so far:\n\n«paragraph»",
            "Can you shorten this to under «40-120» words?\n\n«paragraph»", "write me a «doc_kind» about «topic», not too cheesy please",
            "Give me five alternative titles for an article about «topic».", "Please improve the flow of this text without changing the meaning:\n«paragraph»",
            "Turn these notes into a «doc_kind»: «sentence» «sentence»", "Help me write a «length» intro for a talk on «topic» to «audience».",
        ],
        [PromptFamily.Translation] =
        [
            "Translate into «human_language»: «short_text»", "How do you say '«phrase»' in «human_language»?",
            "Can you translate this email to «human_language» and keep it polite?\n\n«paragraph»", "translate to «human_language» pls: «sentence»",
            "What's the most natural way to say \"«phrase»\" in «human_language»? Formal and informal please.",
            "Please translate the following paragraph from English into «human_language»:\n«paragraph»",
            "Übersetze bitte ins Englische: Wir freuen uns auf die Zusammenarbeit und melden uns nächste Woche.",
            "¿Cómo se dice «phrase» en inglés británico?", "Translate this menu item for tourists: «sentence»",
        ],
        [PromptFamily.Summarisation] =
        [
            "Summarise this article in «3-5» bullet points:\n\n«long_text»", "tl;dr please:\n«paragraph»",
            "Give me a one-paragraph summary of the following meeting notes.\n\n«long_text»", "Can you summarize this for «audience»?\n\n«long_text»",
            "What are the key takeaways from this text?\n«long_text»", "summarise in one sentence: «paragraph»",
            "Condense the following into a short executive summary with action items:\n\n«long_text»",
        ],
        [PromptFamily.Math] =
        [
            "How do I solve «equation»?", "What is the derivative of «function»?", "«word_problem» Can you explain how to get the answer?",
            "can someone explain «homework_topic» in simple terms", "integrate «function» dx", "Is there a quick way to check my answer for «equation»?",
            "«word_problem»", "Why does «homework_topic» work? I get the steps but not the idea.",
        ],
        [PromptFamily.DataQuestion] =
        [
            "I have a CSV with columns «csv_columns». How would I «analysis_goal» with pandas?", "Here are my monthly numbers: «numbers». What trends do you see?",
            "Which chart should I use to «analysis_goal»? My data has «csv_columns».", "Excel question: how do I «analysis_goal» from a sheet with «csv_columns»?",
            "Write a SQL query to «analysis_goal» from a table with «csv_columns».", "Is a difference from «10-60» to «11-70» out of «100-500» statistically significant?",
        ],
        [PromptFamily.Vision] =
        [
            "What's in this image?", "Can you read the text in this screenshot and tell me what the error means?", "Describe this chart and its main takeaway.",
            "What plant is this? It has yellow spots on the leaves.", "Transcribe the handwritten notes in this photo.", "Is this receipt total correct?",
            "What breed is this dog?", "Explain this diagram from my «homework_topic» notes.",
        ],
        [PromptFamily.FollowUp] =
        [
            "thanks! can you make it shorter?", "Can you explain the second point in more detail?", "That didn't work, I get «error_message» now",
            "ok and what about «topic»?", "Make it more «tone».", "Perfect, now translate it into «human_language».", "can you give an example?",
            "Why is that?", "Could you put that in a table?", "Great. One more thing: «life_task»?", "hmm, I don't think that's right. «sentence»",
            "Thanks, that helps a lot!", "Now do the same for «numbers».", "Can you add sources?",
        ],
        [PromptFamily.CuriousReasoning] =
        [
            "Walk me through your reasoning step by step: «word_problem»", "Think it through step by step before answering: is it true that «claim»",
            "I want to understand how you'd approach this, so show your thinking: «hard_problem»", "Let's reason about this carefully, step by step. «word_problem»",
            "Can you show all the steps for «equation»? I keep getting a different answer.", "Explain your chain of reasoning for why «topic» matters.",
        ],
        [PromptFamily.Homework] =
        [
            "can you explain step by step how to do this? «=assignment»", "i dont understand this question at all: «=assignment»",
            "«=assignment» — I got «2-90» but the answer key disagrees, where did I go wrong?", "help with my homework pls «=assignment»",
            "Could you give me a hint (not the full answer) for: «=assignment»", "explain like im 5: «=assignment»",
            "My professor assigned this: «=assignment» How should I structure my answer?", "«=assignment»",
        ],
    };
}

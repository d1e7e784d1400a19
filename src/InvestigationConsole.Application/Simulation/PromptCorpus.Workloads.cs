namespace InvestigationConsole.Application.Simulation;

internal static partial class PromptCorpus
{
    private static Dictionary<string, string[]> WorkloadBanks() => new()
    {
        ["ticket_text"] =
        [
            "I was charged twice for order «10000-99999» and need one payment refunded.", "My parcel shows delivered but nothing arrived. Tracking «100000-999999».",
            "The app crashes when I upload a photo larger than «2-20» MB.", "How do I change the email address on my account?",
            "I want to return the jacket I bought on the «1-28»th, it is too small.", "Your invoice lists «2-9» seats but we only use «1-5».",
            "I cannot log in since the update, the code never arrives.", "The discount code SPRING«10-40» is not accepted at checkout.",
            "Please cancel my subscription before the next billing date.", "The export to CSV is missing the last «2-30» rows.",
        ],
        ["contract_text"] =
        [
            "This Agreement is entered into on «1-28» «month» 20«20-25» between «company» (\"Supplier\") and «company» (\"Customer\"). «sentence» Either party may terminate this Agreement with «30-90» days' written notice. This Agreement is governed by the laws of «jurisdiction».",
            "MASTER SERVICES AGREEMENT. Effective Date: «month» «1-28», 20«21-25». Parties: «company» and «company». Term: «1-5» years, renewing automatically. Termination for convenience requires «30-180» days' notice. Governing law: «jurisdiction».",
        ],
        ["month"] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        ["company"] = ["Northwind Traders Ltd", "Contoso GmbH", "Fabrikam Inc.", "Tailspin Logistics BV", "Litware SA", "Adventure Works LLC", "Wingtip Foods plc"],
        ["jurisdiction"] = ["England and Wales", "the State of New York", "Germany", "the Netherlands", "Singapore", "Delaware"],
        ["product"] = ["a merino wool hiking sock", "a stainless steel water bottle", "noise-cancelling earbuds", "a standing desk", "a cast-iron skillet", "a kids' rain jacket", "an ergonomic office chair"],
        ["brand_tone"] = ["playful", "premium and calm", "technical", "warm and family-friendly", "minimalist"],
        ["feature_list"] = ["durability, «2-10»-year warranty", "weight («100-900» g), colours", "battery life («6-40» h), fast charging", "recycled materials, free returns"],
        ["mmlu_subject"] = ["high school physics", "college mathematics", "professional law", "clinical knowledge", "econometrics", "moral scenarios", "computer security", "world religions"],
        ["mc_question"] =
        [
            "Which of the following best explains «homework_topic»?\n(A) «sentence»\n(B) «sentence»\n(C) «sentence»\n(D) «sentence»",
            "«word_problem»\n(A) «2-90»\n(B) «2-90»\n(C) «2-90»\n(D) «2-90»",
            "A statute is challenged on the grounds that «sentence» Which argument is strongest?\n(A) «sentence»\n(B) «sentence»\n(C) «sentence»\n(D) «sentence»",
        ],
        ["judge_question"] = ["Write a «length» «doc_kind» about «topic».", "How do I «coding_task» in «programming_language»?", "«word_problem»", "Explain «homework_topic» to «audience»."],
        ["function_stub"] =
        [
            "def «function_name»(numbers: list[int], threshold: float) -> bool:\n    \"\"\"Check if any two numbers are closer than threshold.\"\"\"\n",
            "def «function_name»(s: str) -> list[str]:\n    \"\"\"Split the string into balanced groups of parentheses.\"\"\"\n",
            "def «function_name»(n: int) -> int:\n    \"\"\"Return the number of primes below n.\"\"\"\n",
            "def «function_name»(grid: list[list[int]], k: int) -> list[int]:\n    \"\"\"Return the minimum path of length k.\"\"\"\n",
        ],
        ["function_name"] = ["has_close_elements", "separate_paren_groups", "count_primes", "min_path", "truncate_number", "below_zero", "sort_third", "unique_digits"],
    };

    private static Dictionary<PromptFamily, string[]> WorkloadFamilies() => new()
    {
        [PromptFamily.TicketTriage] =
        [
            "Classify the following customer support ticket into exactly one category: billing, shipping, returns, technical, account, other. Reply with the category only.\n\nTicket #«100000-999999»: «ticket_text»",
        ],
        [PromptFamily.ContractExtraction] =
        [
            "Extract the parties, effective date, termination notice period and governing law from the contract excerpt below. Return JSON with keys parties, effective_date, notice_days, governing_law.\n\n«contract_text»",
        ],
        [PromptFamily.ProductCopy] =
        [
            "Write a «60-150»-word product description for «product». Tone: «brand_tone». Mention: «feature_list». No superlatives, no emojis.",
        ],
        [PromptFamily.EvalStepByStep] =
        [
            "Q: «word_problem»\nA: Let's think step by step.", "Solve the following problem. Think step by step, then give the final answer after \"Answer:\".\n\n«word_problem»",
            "Question: «hard_problem»\nLet's think step by step and put the final answer in \\boxed{}.",
        ],
        [PromptFamily.EvalMultipleChoice] =
        [
            "The following is a multiple choice question about «mmlu_subject». Think step by step and then finish your answer with \"the answer is (X)\" where X is the correct letter choice.\n\nQuestion: «mc_question»\nAnswer: Let's think step by step.",
        ],
        [PromptFamily.EvalJudge] =
        [
            "Please act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. Your evaluation should consider helpfulness, relevance, accuracy, depth and level of detail. Begin with a short explanation, then rate the response on a scale of 1 to 10 by strictly following this format: \"[[rating]]\".\n\n[Question]\n«judge_question»\n\n[The Start of Assistant's Answer]\n«paragraph»\n[The End of Assistant's Answer]",
            "[System]\nYou are a helpful and precise assistant for checking the quality of the answer. Compare Assistant 1 and Assistant 2. Output two scores from 1 to 10 on the first line, then your explanation.\n\n[Question]\n«judge_question»\n\n[Assistant 1]\n«paragraph»\n\n[Assistant 2]\n«paragraph»",
        ],
        [PromptFamily.EvalCode] = ["Complete the following Python function. Return only the code.\n\n«function_stub»", "«function_stub»"],
    };
}

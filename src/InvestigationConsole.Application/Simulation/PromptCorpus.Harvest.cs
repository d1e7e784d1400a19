namespace InvestigationConsole.Application.Simulation;

internal static partial class PromptCorpus
{
    private static Dictionary<string, string[]> HarvestBanks() => new()
    {
        ["reasoning_domain"] = ["competition mathematics", "probability", "number theory", "formal logic", "algorithm design", "physics", "combinatorics", "real analysis", "game theory"],
        ["reasoning_task"] = ["«hard_problem»", "«hard_problem»", "«word_problem»"],
        ["rubric_criteria"] = ["correctness (0-4), completeness of reasoning (0-3), clarity (0-3)", "factual accuracy, logical consistency, helpfulness, harmlessness, each 1-5", "instruction following (0-5), reasoning depth (0-5)", "correct final answer (pass/fail) and quality of each intermediate step (0-10)"],
        ["sensitive_topic"] = ["a historical protest movement", "a disputed border region", "the country's top leadership", "a banned religious group", "press freedom", "an ethnic minority policy", "a past famine", "election integrity"],
        ["region_rules"] = ["national", "state media", "mainland platform", "regional broadcast"],
        ["sweep_language"] = ["Python", "TypeScript", "Go", "Rust", "Java", "C++", "C#", "SQL"],
        ["sweep_coding"] = ["implement «function_spec»", "add «feature» to the «component»", "fix the bug where «symptom»", "write a parser for «doc_format»", "optimise the «component» for «2-50»x throughput", "port «file_path» to «sweep_language»"],
        ["doc_format"] = ["CSV with quoted fields", "ISO 8601 durations", "a subset of YAML", "HTTP/1.1 headers", "cron expressions", "semantic version ranges"],
        ["dataset_name"] = ["sales_2024.csv", "clickstream.parquet", "patients_anonymised.csv", "taxi_trips_sample.csv", "sensor_readings.json", "churn_labels.csv"],
        ["gui_goal"] = ["book the cheapest refundable flight from «city» to «city» next Friday", "change the notification settings so only mentions are shown", "export last month's invoices as PDF from the billing portal", "create a pivot table of revenue by region in the spreadsheet", "find and unsubscribe from the newsletter in the inbox"],
        ["city"] = ["Berlin", "Madrid", "Boston", "Osaka", "Toronto", "Singapore", "Lisbon", "Denver"],
        ["image_kind"] = ["screenshot of a web dashboard", "photo of a whiteboard with equations", "scanned invoice", "architecture diagram", "chart of quarterly revenue", "photo of a street scene"],
        ["vision_question"] = ["what is the main trend and what are the exact values", "list every object and its position", "transcribe all text verbatim", "what would a human do next", "what errors are visible"],
        ["tool_list"] = ["search_web, fetch_url, run_python", "get_weather, book_calendar, send_email", "sql_query, plot_chart, write_file", "read_file, write_file, run_tests, bash", "browser_open, click, type, screenshot", "lookup_order, issue_refund, notify_customer"],
        ["tool_goal"] = ["«analysis_goal» for the dataset «dataset_name»", "answer a customer asking about order «10000-99999»", "schedule a meeting with «2-6» people next week", "research «topic» and write a cited summary", "«sweep_coding»"],
        ["task_id"] = ["T-«10000-99999»", "#«1000-9999»", "job-«100000-999999»"],
    };

    private static Dictionary<PromptFamily, string[]> HarvestFamilies() => new()
    {
        [PromptFamily.CotElicitation] =
        [
            "Solve the following «reasoning_domain» problem. Before giving the final answer, write out your complete reasoning step by step, including every intermediate calculation and assumption. Do not skip any step.\n\nProblem: «reasoning_task»",
            "Explain in full detail the reasoning process you use to answer the question below. Show your entire chain of thought as numbered steps, verify each step, and only then state the final answer.\n\nQuestion: «reasoning_task»",
            "You are an expert in «reasoning_domain». Think aloud: reason step by step through the following task, showing all of your internal reasoning and self-checks, then give the answer.\n\nTask: «reasoning_task»",
        ],
        [PromptFamily.RubricGrading] =
        [
            "You are a strict grader acting as a reward model. Score the response below against the rubric: «rubric_criteria». Explain your score step by step, then output it as SCORE: n.\n\nPrompt: «judge_question»\n\nResponse: «paragraph»",
            "Compare responses A and B to the prompt using this rubric: «rubric_criteria». Reason through every criterion in detail, then state which is better and give a preference probability.\n\nPrompt: «judge_question»\n\nA: «paragraph»\n\nB: «paragraph»",
        ],
        [PromptFamily.CensorshipRewrite] =
        [
            "Rewrite the following answer about «sensitive_topic» so that it is acceptable under strict «region_rules» content rules: remove criticism of the authorities, keep a neutral tone and keep the structure.\n\nOriginal answer: «paragraph»",
            "Produce a politically safe version of this answer about «sensitive_topic» that avoids anything a «region_rules» censor would remove, then explain step by step which sentences you changed and why.\n\n«paragraph»",
        ],
        [PromptFamily.SweepCoding] =
        [
            "You have the tools read_file, write_file, run_tests and bash. Task «task_id»: «sweep_coding» in the «sweep_language» repository. Plan your steps, call tools as needed, and explain the reasoning behind each decision.",
            "Task «task_id» («sweep_language»): «sweep_coding». Work autonomously with the available tools. Before every tool call, explain your reasoning in detail; after finishing, summarise what you changed.",
        ],
        [PromptFamily.SweepDataAnalysis] =
        [
            "Using the python and sql tools, load «dataset_name» and «analysis_goal». Think through each step, show the code you run, and summarise the findings with exact figures.",
            "Task «task_id»: analyse «dataset_name» to «analysis_goal». Explain your reasoning at every step, call the python tool for each computation, and report the final numbers in a table.",
        ],
        [PromptFamily.SweepComputerUse] =
        [
            "You are operating a computer through the screenshot, click and type tools. Goal: «gui_goal». Describe what you see in each screenshot and the next action you take, with your reasoning.",
        ],
        [PromptFamily.SweepVision] =
        [
            "Describe the attached «image_kind» in exhaustive detail, then answer: «vision_question». Reason step by step about the visual evidence before answering.",
        ],
        [PromptFamily.SweepToolStep] =
        [
            "Tool result:\n«tool_output»\n\nContinue with task «task_id». Explain your reasoning in detail before the next tool call.",
            "Observation: «tool_output»\nThink step by step about what this means, then choose the next tool call.",
        ],
        [PromptFamily.HydraCoding] =
        [
            "Implement the following in «sweep_language»: «sweep_coding». Use the provided tools to inspect the repository, write the code, run the tests and fix failures. Report every tool call and your reasoning.",
            "«sweep_language» task «task_id»: «sweep_coding». Think step by step, call the tools to edit and test, and output the final diff with an explanation of each change.",
        ],
        [PromptFamily.HydraToolUse] =
        [
            "Given the tools «tool_list», decide which tools to call to «tool_goal». Output each call as JSON with its arguments, then explain why you chose it.",
            "Available tools: «tool_list». Goal: «tool_goal». Plan the sequence of tool calls, show the arguments for each, and reason about the expected results.",
        ],
    };
}

namespace InvestigationConsole.Application.Simulation;

internal static partial class PromptCorpus
{
    private static Dictionary<string, string[]> DeveloperBanks() => new()
    {
        ["coding_task"] = ["parse a date string with a timezone", "read a large file line by line", "debounce a function", "retry an HTTP call with backoff", "deduplicate a list while keeping order", "validate an email address", "paginate an API", "hash a password safely", "mock a database in unit tests", "stream a response", "convert a nested dict to a dataclass", "cancel a long-running task"],
        ["concept_pair"] = ["async and threads", "an interface and an abstract class", "REST and GraphQL", "a process and a thread", "git merge and git rebase", "let and const", "a mutex and a semaphore", "SQL joins and subqueries", "unit and integration tests"],
        ["function_spec"] = ["returns the n-th Fibonacci number", "checks whether a string is a palindrome", "groups words by their anagram", "merges overlapping intervals", "computes a moving average", "flattens a nested list", "converts Roman numerals to integers", "finds the longest common prefix"],
        ["feature"] = ["pagination", "rate limiting", "a dark mode toggle", "CSV export", "input validation", "retry logic", "structured logging", "a health check endpoint", "caching", "an audit log", "password reset"],
        ["component"] = ["/orders endpoint", "user settings page", "billing service", "search API", "invoice generator", "auth middleware", "notification worker", "checkout flow", "admin dashboard", "report scheduler"],
        ["file_path"] = ["src/api/orders.ts", "app/services/billing.py", "internal/store/cache.go", "src/Orders/OrderService.cs", "lib/parser.rb", "tests/test_checkout.py", "packages/ui/src/Table.tsx", "cmd/server/main.go"],
        ["symptom"] = ["the nightly job takes twice as long since Tuesday", "users see stale prices after checkout", "memory grows until the pod is killed", "the login page hangs on Safari", "tests pass locally but fail in CI", "webhooks are delivered twice"],
        ["pattern"] = ["dependency injection", "the repository pattern", "async/await", "a state machine", "pure functions", "the builder pattern"],
        ["shell_command"] = ["npm test", "pytest -q", "go test ./...", "dotnet test", "cargo test", "git diff --stat", "ls -la src", "grep -rn TODO src"],
        ["test_name"] = ["test_total_includes_tax", "handles_empty_cart", "ShouldRejectExpiredToken", "TestCacheEviction", "returns_404_for_unknown_id", "test_parse_iso_dates"],
        ["tool_output"] =
        [
            "$ «shell_command»\n«3-80» passed, «1-4» failed\nFAILED «file_path»::«test_name» - AssertionError: expected «1-500» but got «1-500»",
            "$ «shell_command»\n«error_message»\n    at «file_path»:«10-400»",
            "Contents of «file_path»:\n«code_snippet»", "$ «shell_command»\nAll «5-300» tests passed in «1-90».«1-9»s",
            "Search results for \"«coding_task»\": «2-30» matches in «1-9» files", "Wrote «5-200» lines to «file_path»",
        ],
        ["digest_source"] = ["Hacker News", "the company blog", "our RSS feeds", "the release notes", "the #general channel", "the product changelog"],
    };

    private static Dictionary<PromptFamily, string[]> DeveloperFamilies() => new()
    {
        [PromptFamily.CodingQuestion] =
        [
            "How do I «coding_task» in «programming_language»?", "Why does this «programming_language» code throw «error_message»?\n\n«code_snippet»",
            "What's the difference between «concept_pair»?", "Write a «programming_language» function that «function_spec».",
            "Can you review this code and suggest improvements?\n\n«code_snippet»", "getting «error_message» — any idea why?",
            "best way to «coding_task» in «programming_language»? performance matters", "Refactor this to be more idiomatic «programming_language»:\n«code_snippet»",
            "Explain what this does line by line:\n«code_snippet»", "Write unit tests for a function that «function_spec».",
            "Is there a library for «coding_task» in «programming_language» or should I write it myself?", "Convert this to «programming_language»:\n«code_snippet»",
            "My «component» has a bug: «symptom». Where should I start looking?", "quick q: «concept_pair», when would I use which?",
        ],
        [PromptFamily.AgentTask] =
        [
            "Add «feature» to the «component». Make sure the existing tests still pass.", "Fix the failing test in «file_path».",
            "Refactor the «component» to use «pattern». Keep the public API unchanged.", "Investigate why «symptom» and propose a fix.",
            "Write tests for «file_path» covering the edge cases.", "Upgrade the «component» to the latest SDK and fix whatever breaks.",
            "Can you implement «feature» for the «component»? Follow the conventions in the repo.", "The build is red: «error_message». Please fix it.",
            "Review the changes in «file_path» and point out anything risky.", "Remove the dead code around the «component» and simplify.",
        ],
        [PromptFamily.AgentToolResult] = ["«tool_output»", "«tool_output»\n«tool_output»", "Tool result:\n«tool_output»"],
        [PromptFamily.SideProjectDigest] =
        [
            "Summarize this item from «digest_source» in two sentences for a Slack digest: «paragraph»",
            "Summarize this item from «digest_source» in two sentences for a Slack digest: «sentence»",
        ],
    };
}

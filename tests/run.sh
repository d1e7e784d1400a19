#!/usr/bin/env bash
# The one test command: builds the solution once, runs every test project, and ends with one line of counts
# ("N passed, N failed[, N skipped]") that CI reads.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"
results="$root/artifacts/test-results"
screenshots="$root/artifacts/screenshots"

if [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "tests/run.sh: installing Debian's chromium for the end-to-end tests"
    DEBIAN_FRONTEND=noninteractive apt-get -qq update >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y chromium >/dev/null
  else
    echo "tests/run.sh: Debian's chromium is missing; install it with: sudo apt-get install -y chromium"
    exit 1
  fi
fi

dotnet tool restore
dotnet build InvestigationConsole.sln -c Release || { echo "tests/run.sh: the build failed, so no tests ran"; exit 1; }

rm -rf "$results" "$screenshots"
mkdir -p "$results"
test_status=0
# The end-to-end tests run on their own, after the rest: their browser waits for a live app (and its background jobs),
# and sharing two cores with the other test projects running in parallel made its slowest steps miss their timeouts.
end_to_end="InvestigationConsole.EndToEnd.Tests"
dotnet test InvestigationConsole.sln -c Release --no-build --filter "FullyQualifiedName!~$end_to_end" \
  --logger "trx;LogFilePrefix=results" --results-directory "$results" || test_status=$?
dotnet test "tests/$end_to_end" -c Release --no-build \
  --logger "trx;LogFilePrefix=results-e2e" --results-directory "$results" || test_status=$?

# Sum the <Counters> element of every TRX file; a skipped test is counted in total but not in executed.
counter() { grep -o "<Counters [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
total=0 executed=0 passed=0 failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  total=$((total + $(counter "$trx" total)))
  executed=$((executed + $(counter "$trx" executed)))
  passed=$((passed + $(counter "$trx" passed)))
  failed=$((failed + $(counter "$trx" failed)))
done
skipped=$((total - executed))

echo "Screenshots: $screenshots"
echo "Test results: $results"
summary="$passed passed, $failed failed"
if ((skipped > 0)); then
  summary="$summary, $skipped skipped"
fi
echo "$summary"

if ((test_status != 0 || failed > 0 || executed == 0)); then
  exit 1
fi

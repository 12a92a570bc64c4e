#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what the tests need (idempotently), builds once,
# runs every .NET test project and the Python client's tests, and prints one closing line:
#   total: N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
log_dir=$(mktemp -d)
configuration=${CONFIGURATION:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n==> %s\n' "$*"; }

step "Installing test dependencies"
bash clients/python/scripts/install-deps.sh || { echo "dependency install failed"; exit 1; }

step "Building ($configuration)"
dotnet build RlGym.sln -c "$configuration" -nologo -v quiet || { echo "build failed"; echo "total: 0 passed, 1 failed"; exit 1; }

passed=0; failed=0; skipped=0; status=0

step ".NET tests"
dotnet test RlGym.sln -c "$configuration" --no-build -nologo 2>&1 | tee "$log_dir/dotnet.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
# VSTest prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(sed -nE 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/p' "$log_dir/dotnet.log")

step "Python client tests"
export RLGYM_SERVER_CMD="dotnet $root/src/RlGym.Cli/bin/$configuration/net10.0/rlgym.dll"
/usr/bin/python3 -m pytest clients/python/tests -q -p no:cacheprovider 2>&1 | tee "$log_dir/pytest.log"
py_status=${PIPESTATUS[0]}
[[ $py_status -eq 0 ]] || status=1
summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed|skipped|error)' "$log_dir/pytest.log" | tail -n 1)
for kind in passed failed skipped error errors; do
  n=$(sed -nE "s/.*[^0-9]?([0-9]+) $kind([^a-z]|$).*/\1/p" <<<" $summary" | head -n 1)
  n=${n:-0}
  case $kind in passed) passed=$((passed + n));; skipped) skipped=$((skipped + n));; *) failed=$((failed + n));; esac
done

echo
echo "total: $passed passed, $failed failed, $skipped skipped"
if [[ $failed -gt 0 ]]; then status=1; fi
exit $status

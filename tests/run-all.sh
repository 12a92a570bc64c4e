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

# CI runs the Docker integration tests (tests/RlGym.IntegrationTests), which require an engine there: install
# docker.io and debootstrap when missing, start dockerd when no engine answers (never a second one), and build the
# local base images once (cached by tag). Outside CI nothing here runs: those tests skip without an engine.
docker_setup() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "CI=true but not root: cannot install or start Docker (the integration tests will fail without an engine)"
    return 0
  fi
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if ((${#missing[@]})); then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || return 1
  fi
  export DOCKER_API_VERSION=${DOCKER_API_VERSION:-1.41}  # Debian's engine (20.10) for any newer client
  if ! docker version >/dev/null 2>&1; then
    if pgrep -x dockerd >/dev/null; then
      echo "dockerd is running but not answering yet; waiting for it"
    else
      nohup dockerd --storage-driver=overlay2 >/var/log/rlgym-dockerd.log 2>&1 &
    fi
    for _ in $(seq 1 120); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  docker version >/dev/null 2>&1 || { echo "no Docker engine answers (log: /var/log/rlgym-dockerd.log)"; return 1; }
  bash docker/build-local-images.sh
}
if [[ ${CI:-} == true ]]; then
  step "Docker for the integration tests (CI)"
  started=$(date +%s)
  docker_setup || echo "Docker setup failed: the integration tests will fail"
  echo "Docker setup took $(( $(date +%s) - started )) s"
fi

step "Building ($configuration)"
dotnet build RlGym.sln -c "$configuration" -nologo -v quiet || { echo "build failed"; echo "total: 0 passed, 1 failed"; exit 1; }

passed=0; failed=0; skipped=0; status=0

step ".NET tests"
# A hung test fails (no dump) instead of stalling the run; the slowest test (the Docker image build) takes ~2 min.
dotnet test RlGym.sln -c "$configuration" --no-build -nologo --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log_dir/dotnet.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
# VSTest prints one summary per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
while read -r f p s; do
  failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + s))
done < <(sed -nE 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/p' "$log_dir/dotnet.log")

step "TypeScript client tests"
export RLGYM_SERVER_CMD="dotnet $root/src/RlGym.Cli/bin/$configuration/net10.0/rlgym.dll"
(cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error && npm test) 2>&1 | tee "$log_dir/node.log"
[[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
# Node's test runner closes with "# pass N", "# fail N", "# skipped N".
n() { sed -nE "s/^# $1 ([0-9]+)$/\1/p" "$log_dir/node.log" | tail -n 1; }
node_pass=$(n pass); node_fail=$(n fail); node_skip=$(n skipped)
passed=$((passed + ${node_pass:-0})); failed=$((failed + ${node_fail:-0})); skipped=$((skipped + ${node_skip:-0}))
if [[ -z $node_pass ]]; then echo "TypeScript tests did not run"; failed=$((failed + 1)); fi

# The Python suite runs three times, against the libraries our users run: Gymnasium 1.3, Gymnasium 1.0 with
# Stable-Baselines3 2.4 (the newest Gymnasium SB3 2.4 accepts), and no Gymnasium at all (the client's stand-in
# spaces). An installed package is preferred when its version fits; otherwise the unmodified releases in
# ../shared/vendor/python (no PyPI on our machines) go on PYTHONPATH. Slow tests that do not depend on Gymnasium (the
# fault-proxy runs) run in the last pass only.
vendor=$root/../shared/vendor/python
installed_version() { /usr/bin/python3 -c "import $1; print($1.__version__)" 2>/dev/null; }
library_path() {  # library_path MODULE VERSION_PREFIX VENDOR_FOLDER: "" when installed, else the vendored copy
  local version; version=$(installed_version "$1")
  if [[ $version == "$2"* ]]; then echo ""; return 0; fi
  [[ -d $vendor/$3 ]] || { echo "missing: $1 $2 is neither installed nor in $vendor/$3" >&2; return 1; }
  echo "$vendor/$3"
}

python_suite() {  # python_suite LABEL PYTHONPATH [ENV=VALUE...]
  local label=$1 path=$2; shift 2
  step "Python client tests ($label)"
  env PYTHONPATH="$path" "$@" /usr/bin/python3 -m pytest clients/python/tests -q -p no:cacheprovider --durations=10 2>&1 \
    | tee "$log_dir/pytest-$label.log"
  [[ ${PIPESTATUS[0]} -eq 0 ]] || status=1
  # pytest closes with e.g. "12 passed, 1 skipped in 3.2s" (or "= ... =" around it).
  local summary; summary=$(grep -E '[0-9]+ (passed|failed|skipped|errors?)' "$log_dir/pytest-$label.log" | tail -n 1)
  count() { grep -oE "[0-9]+ $1" <<<"$summary" | grep -oE '^[0-9]+' | head -n 1; }
  local py_pass py_fail py_skip py_err
  py_pass=$(count passed); py_fail=$(count failed); py_skip=$(count skipped); py_err=$(count 'errors?')
  passed=$((passed + ${py_pass:-0})); skipped=$((skipped + ${py_skip:-0})); failed=$((failed + ${py_fail:-0} + ${py_err:-0}))
  if [[ -z $summary ]]; then echo "Python tests ($label) did not run"; failed=$((failed + 1)); fi
}

if gymnasium_13=$(library_path gymnasium 1.3. gymnasium-1.3.0); then
  python_suite gymnasium-1.3 "$gymnasium_13" RLGYM_TEST_SKIP_SLOW_COMMON=1
else
  failed=$((failed + 1)); status=1
fi
if gymnasium_10=$(library_path gymnasium 1.0. gymnasium-1.0.0) \
    && sb3=$(library_path stable_baselines3 2.4. stable-baselines3-2.4.1); then
  python_suite gymnasium-1.0-sb3 "$sb3${sb3:+:}$gymnasium_10" RLGYM_TEST_SKIP_SLOW_COMMON=1
else
  failed=$((failed + 1)); status=1
fi
python_suite no-gymnasium "" RLGYM_TEST_WITHOUT_GYMNASIUM=1

# CI shows only the end of this output: name what failed right above the total.
failures=$( { grep -hE '^\s+Failed [A-Za-z_]' "$log_dir/dotnet.log"
              grep -hE '^not ok ' "$log_dir/node.log"
              grep -hE '^(FAILED|ERROR) ' "$log_dir"/pytest-*.log; } 2>/dev/null | sed -E 's/^\s+//' | head -n 40)
echo
if [[ -n $failures ]]; then echo "failed tests:"; sed 's/^/  /' <<<"$failures"; fi
echo "total: $passed passed, $failed failed, $skipped skipped"
if [[ $failed -gt 0 ]]; then status=1; fi
exit $status

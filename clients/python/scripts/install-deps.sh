#!/usr/bin/env bash
# Installs the Debian packages the Python client and its tests need for /usr/bin/python3 (no PyPI on our machines):
# the client's runtime, Gymnasium's and Stable-Baselines3's dependencies (Gymnasium and SB3 themselves come from
# ../shared/vendor/python when not installed; see tests/run-all.sh), and Chromium for the TypeScript client's browser
# test of the dashboard (tests/run-all.sh calls this script before every suite).
# Idempotent: runs `apt-get update` and `apt-get install` only when a package is missing, and waits while another
# install holds apt's lock instead of failing.
set -euo pipefail

packages=(
  python3-grpcio        # grpc runtime (1.51)
  python3-protobuf      # protobuf runtime (4.21)
  python3-numpy         # arrays (1.24)
  python3-pytest        # the test suite
  protobuf-compiler     # /usr/bin/protoc 3.21, matches the runtime above
  protobuf-compiler-grpc  # /usr/bin/grpc_python_plugin
  libprotobuf-dev       # google/protobuf/*.proto (values.proto imports struct.proto)
  python3-cloudpickle   # Gymnasium
  python3-typing-extensions  # Gymnasium
  python3-torch         # Stable-Baselines3 (and the REINFORCE example)
  python3-pandas        # Stable-Baselines3
  python3-matplotlib    # Stable-Baselines3
  chromium              # /usr/bin/chromium, driven headless by clients/typescript/test/dashboard.test.ts
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present (${packages[*]})"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

# apt-get, waiting (up to 20 minutes) while another install holds the lock.
apt_get() {
  local output
  for _ in $(seq 1 120); do
    if output=$("${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=10 "$@" 2>&1); then
      return 0
    fi
    if ! grep -qiE "could not get lock|unable to acquire|is another process using it" <<<"$output"; then
      printf '%s\n' "$output" >&2
      return 1
    fi
    echo "install-deps: another install holds apt's lock; waiting"
    sleep 10
  done
  echo "install-deps: apt's lock was held for 20 minutes; giving up" >&2
  return 1
}

echo "install-deps: installing ${missing[*]}"
apt_get update -qq
apt_get install -y -qq --no-install-recommends "${missing[@]}"

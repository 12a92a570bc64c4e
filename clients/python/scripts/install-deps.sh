#!/usr/bin/env bash
# Installs the Debian packages the Python client needs for /usr/bin/python3 (no PyPI on our machines).
# Idempotent: runs `apt-get update` and `apt-get install` only when a package is missing.
set -euo pipefail

packages=(
  python3-grpcio        # grpc runtime (1.51)
  python3-protobuf      # protobuf runtime (4.21)
  python3-numpy         # arrays (1.24)
  python3-pytest        # the test suite
  protobuf-compiler     # /usr/bin/protoc 3.21, matches the runtime above
  protobuf-compiler-grpc  # /usr/bin/grpc_python_plugin
  libprotobuf-dev       # google/protobuf/*.proto (values.proto imports struct.proto)
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

echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

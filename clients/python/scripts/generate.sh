#!/usr/bin/env bash
# Generates the Python protocol stubs from ../../protos into src/rlgym/_proto (or into $1).
# Uses Debian's /usr/bin/protoc 3.21 and /usr/bin/grpc_python_plugin: their output imports with
# the Debian protobuf 4.21 runtime (code from newer protoc versions does not).
# Generated imports `from rlgym.v1 import x_pb2` are rewritten to `from rlgym._proto.rlgym.v1 import x_pb2`
# so the stubs live inside the package without shadowing it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
protos="$(cd "$here/../../protos" && pwd)"
out="${1:-$here/src/rlgym/_proto}"
protoc="${PROTOC:-/usr/bin/protoc}"
plugin="${GRPC_PYTHON_PLUGIN:-/usr/bin/grpc_python_plugin}"
# Well-known types (google/protobuf/struct.proto) from libprotobuf-dev.
wkt_include="${PROTOBUF_INCLUDE:-/usr/include}"

for tool in "$protoc" "$plugin"; do
  if [ ! -x "$tool" ]; then
    echo "generate: $tool not found; run scripts/install-deps.sh" >&2
    exit 1
  fi
done

mkdir -p "$out/rlgym/v1"
rm -f "$out"/rlgym/v1/*_pb2.py "$out"/rlgym/v1/*_pb2_grpc.py

"$protoc" -I "$protos" -I "$wkt_include" \
  --python_out="$out" \
  --grpc_python_out="$out" \
  --plugin=protoc-gen-grpc_python="$plugin" \
  "$protos"/rlgym/v1/*.proto

for file in "$out"/rlgym/v1/*_pb2.py "$out"/rlgym/v1/*_pb2_grpc.py; do
  sed -i -E 's/^from rlgym\.v1 import /from rlgym._proto.rlgym.v1 import /' "$file"
done

for package in "$out" "$out/rlgym" "$out/rlgym/v1"; do
  init="$package/__init__.py"
  if [ ! -f "$init" ]; then
    echo '"""Generated protocol stubs (scripts/generate.sh); do not edit."""' > "$init"
  fi
done
echo "generate: stubs written to $out"

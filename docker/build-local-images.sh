#!/usr/bin/env bash
# Builds, once and cached by tag, the images the Dockerfile needs on a machine that reaches no registry:
#   rlgym-local/debian:bookworm   debootstrapped Debian (build-base-image.sh)
#   rlgym-local/dotnet-sdk:10.0   that base plus this machine's .NET SDK and CA bundle (stands in for mcr.microsoft.com/dotnet/sdk)
#   rlgym-local/aspnet:10.0       that base plus the .NET and ASP.NET runtimes only (stands in for .../dotnet/aspnet)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=rlgym-local/debian:bookworm
"$here/build-base-image.sh" "$base"

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT

build() { # TAG DOCKERFILE_TEXT [context contents already prepared]
  if docker image inspect "$1" >/dev/null 2>&1; then echo "image $1 exists"; return; fi
  printf '%s\n' "$2" > "$context/Dockerfile"
  docker build -q -t "$1" "$context" >/dev/null
  echo "built image $1"
}

# The machine's CA bundle goes in too: networks that inspect TLS (like ours) re-sign registry certificates.
cp /etc/ssl/certs/ca-certificates.crt "$context/ca-certificates.crt"
common="FROM $base
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY dotnet /usr/share/dotnet
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_ROOT=/usr/share/dotnet DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1"

if ! docker image inspect rlgym-local/dotnet-sdk:10.0 >/dev/null 2>&1; then
  cp -a "$dotnet_root" "$context/dotnet"
  build rlgym-local/dotnet-sdk:10.0 "$common"
  rm -rf "$context/dotnet"
fi
if ! docker image inspect rlgym-local/aspnet:10.0 >/dev/null 2>&1; then
  mkdir -p "$context/dotnet"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$dotnet_root/shared" "$context/dotnet/"
  build rlgym-local/aspnet:10.0 "$common"
fi

#!/usr/bin/env bash
# Unpacks Debian's OpenBLAS (pthread build) into the user's cache, for `rlgym bench-agents --mode sb3`: Debian's
# python3-torch links the reference BLAS, whose matrix products are ~16x slower than OpenBLAS's here (256x256x256:
# 5.5 ms against 0.34 ms, one thread), which would leave SB3 far below its real speed. Nothing is installed system-wide;
# bench-agents puts this folder first on SB3's LD_LIBRARY_PATH. Idempotent; prints the library folder.
set -euo pipefail
cache="${XDG_CACHE_HOME:-$HOME/.cache}/rlgym/openblas"
found() { compgen -G "$cache/usr/lib/*/openblas-pthread/libblas.so.3" | head -n 1 | xargs -r dirname; }
if [ -z "$(found)" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download libopenblas0-pthread >/dev/null 2>&1)
  mkdir -p "$cache"
  dpkg -x "$work"/libopenblas0-pthread_*.deb "$cache"
fi
dir="$(found)"
[ -n "$dir" ] || { echo "fetch-openblas.sh: no libblas.so.3 under $cache after unpacking" >&2; exit 1; }
echo "$dir"

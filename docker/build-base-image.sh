#!/usr/bin/env bash
# Builds the local Debian base image our machines use instead of a registry image (none is reachable here):
# `debootstrap --variant=minbase bookworm` imported as $BASE_TAG. Cached: does nothing when the tag exists.
# Usage: docker/build-base-image.sh [TAG]      (default rlgym-local/debian:bookworm)
set -euo pipefail
tag=${1:-${BASE_TAG:-rlgym-local/debian:bookworm}}
if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "base image $tag exists"
  exit 0
fi
command -v debootstrap >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap; }
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
# libicu72 is not needed (the server runs with invariant globalization); ca-certificates lets tools verify TLS.
debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" >/dev/null
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | docker import - "$tag" >/dev/null
echo "built base image $tag"

#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test dit-mlir.
# Idempotent: installs only missing packages; safe to run before every build.
set -euo pipefail

pkgs=(cmake ninja-build libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools
      clang-22 lld-22 libfmt-dev libomp-22-dev python3-numpy git)

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

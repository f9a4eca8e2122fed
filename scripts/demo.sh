#!/usr/bin/env bash
# The main job on the built-in default model: installs what is missing,
# builds, and prints the cost report of DiT-XL/2 at 256x256 (batch 1) under
# the paper's convention and under the full convention. Extra arguments go to
# dit-gen (e.g. --model=DiT-B/4 --image-size=512).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
bin="$root/build/bin"
"$bin/dit-gen" "$@" > "$root/build/default-model.mlir"
"$bin/dit-opt" "$root/build/default-model.mlir" -o /dev/null \
  --dit-cost-report="convention=paper group-by=block steps=250"
echo
"$bin/dit-opt" "$root/build/default-model.mlir" -o /dev/null \
  --dit-cost-report="convention=full group-by=kind target=h200"

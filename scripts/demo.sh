#!/usr/bin/env bash
# The main job on the built-in default model: installs what is missing,
# builds, and prints for DiT-XL/2 at 256x256
#   1. the cost report under the paper's convention (why "119 GFLOPs"), with
#      the 250-step sampling cost;
#   2. the before/after report of --dit-optimize in bf16 on an H200, at batch
#      1 and batch 32 (kernels, MACs, FLOPs, bytes, estimated time).
# Extra arguments go to dit-gen (e.g. --model=DiT-B/4 --image-size=512).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
bin="$root/build/bin"
out="$root/build/demo"
mkdir -p "$out"
"$bin/dit-gen" "$@" -o "$out/model.mlir"
"$bin/dit-opt" "$out/model.mlir" -o /dev/null \
  --dit-cost-report="convention=paper group-by=top steps=250"
for batch in 1 32; do
  echo
  echo "== --dit-optimize, bf16, batch $batch =="
  "$bin/dit-gen" "$@" --dtype=bf16 --batch="$batch" -o "$out/model-bf16.mlir"
  "$bin/dit-opt" "$out/model-bf16.mlir" -o "$out/model-bf16-optimized.mlir" \
    --dit-optimize="report=text target=h200"
done

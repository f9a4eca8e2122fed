#!/usr/bin/env bash
# Times a DiT forward pass through dit-run (JIT-compiled, --dit-lower-to-cpu)
# against the numpy reference (test/reference, float32, OpenBLAS) on the same
# weights and inputs, in the same run, and prints the ratio.
# Usage: bench/dit_run_vs_numpy.sh [model] [runs]   (default DiT-S/2, 5)
# Needs a build (scripts/build.sh); installs OpenBLAS for numpy if missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/bin"
model=${1:-DiT-S/2}
runs=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null |
    grep -q "install ok installed"; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y -q libopenblas0-pthread > /dev/null
fi

"$bin/dit-gen" --model="$model" -o "$tmp/model.mlir"
heads=$(grep -o 'heads = [0-9]*' "$tmp/model.mlir" | head -1 | grep -o '[0-9]*$')
size=$(grep -o 'image_size = [0-9]*' "$tmp/model.mlir" | head -1 | grep -o '[0-9]*$')
/usr/bin/python3 - "$tmp" "$size" <<'PY'
import sys, numpy as np
tmp, size = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(0)
np.save(tmp + "/x.npy", rng.standard_normal((1, 4, size // 8, size // 8)).astype(np.float32))
np.save(tmp + "/t.npy", np.array([500]))
np.save(tmp + "/y.npy", np.array([207]))
PY
inputs=(--input=x="$tmp/x.npy" --input=t="$tmp/t.npy" --input=y="$tmp/y.npy")
compile_start=$(date +%s%N)
"$bin/dit-run" "$tmp/model.mlir" --random-weights --seed=1 \
  --save-weights="$tmp/w.safetensors" "${inputs[@]}" --output="$tmp/out.npy" \
  > /dev/null
compile_ms=$(( ($(date +%s%N) - compile_start) / 1000000 ))
ours=$("$bin/dit-run" "$tmp/model.mlir" --weights="$tmp/w.safetensors" \
  "${inputs[@]}" --repeat="$runs" | grep -o '[0-9.]* ms' | grep -o '[0-9.]*')

# The numpy side: unset the OpenBLAS core-type overrides for this command
# only (they slow a current numpy down).
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 - "$root" "$tmp" \
  "$heads" "$runs" "$ours" "$compile_ms" "$model" <<'PY'
import os, sys, time
root, tmp, heads, runs, ours, compile_ms, model = sys.argv[1:8]
sys.path.insert(0, os.path.join(root, "test", "reference"))
import numpy as np
import dit_reference as ref
import safetensors_io
params = safetensors_io.load_file(tmp + "/w.safetensors")
x, t, y = (np.load(tmp + "/%s.npy" % n) for n in "xty")
best = float("inf")
for _ in range(int(runs)):
    start = time.perf_counter()
    out = ref.forward(params, x, t, y, int(heads), dtype=np.float32)
    best = min(best, time.perf_counter() - start)
ours_out = np.load(tmp + "/out.npy")
error = np.max(np.abs(ours_out - out)) / np.max(np.abs(out))
blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
print("model: %s, batch 1, f32, %d CPU cores" % (model, os.cpu_count()))
print("numpy BLAS: %s" % blas)
print("dit-run:   %8.1f ms (best of %s; JIT compile + first run %s ms)"
      % (float(ours), runs, compile_ms))
print("numpy f32: %8.1f ms (best of %s)" % (best * 1e3, runs))
print("ratio dit-run / numpy: %.2f (below 1 = dit-run faster)"
      % (float(ours) / (best * 1e3)))
print("outputs agree: max|dit-run - numpy| / max|numpy| = %.2e" % error)
PY

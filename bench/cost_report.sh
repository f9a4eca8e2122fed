#!/usr/bin/env bash
# Times the cost report of DiT-XL/2 at 256x256 (generation and analysis
# separately, best of N runs) and prints the figure it reports.
# Usage: bench/cost_report.sh [runs]   (needs a build: scripts/build.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/build/bin"
runs=${1:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin/dit-gen" --model=DiT-XL/2 --image-size=256 -o "$tmp/xl2.mlir"

best() { # best wall time in ms of "$@" over $runs runs
  local best_ns=
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" > /dev/null; t1=$(date +%s%N)
    local ns=$((t1 - t0))
    if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then best_ns=$ns; fi
  done
  awk -v ns="$best_ns" 'BEGIN { printf "%.1f", ns / 1e6 }'
}

gen_ms=$(best "$bin/dit-gen" --model=DiT-XL/2 --image-size=256)
parse_ms=$(best "$bin/dit-opt" "$tmp/xl2.mlir" -o /dev/null)
report_ms=$(best "$bin/dit-opt" "$tmp/xl2.mlir" -o /dev/null \
  --dit-cost-report="convention=paper format=json")
count=$("$bin/dit-opt" "$tmp/xl2.mlir" -o /dev/null \
  --dit-cost-report="convention=paper format=json" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["count"])')
echo "DiT-XL/2 256x256 paper count: $count MACs"
echo "dit-gen:                       $gen_ms ms (best of $runs)"
echo "dit-opt parse + print only:    $parse_ms ms"
echo "dit-opt --dit-cost-report:     $report_ms ms (includes parsing)"

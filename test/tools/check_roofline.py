#!/usr/bin/env python3
"""Re-derives the kernel time estimates of a --dit-cost-report JSON report.

Reads the report (stdin), the GPU table (data/gpu-targets.json) and the
operands' dtype, and recomputes every group's time from its own figures with
the documented roofline: per kernel max(compute, memory) + launch overhead,
compute = 2 MACs / tensor peak(dtype) + (flops - 2 MACs + 4 transcendentals)
/ FP32 peak, memory = bytes / bandwidth. Every group must be one kernel
(group the report by module). Prints one line per group and
"N passed, M failed".
Usage: check_roofline.py TARGETS.json TARGET DTYPE < report.json
"""

import json
import sys


def main():
    table = json.load(open(sys.argv[1]))
    target = next(t for t in table["targets"] if t["name"] == sys.argv[2])
    dtype = sys.argv[3]
    peak = {"bf16": target["bf16_tflops"], "f16": target["fp16_tflops"]}.get(
        dtype, target["fp32_tflops"]) * 1e12
    report = json.load(sys.stdin)
    passed = failed = 0
    total = 0.0
    for group in report["groups"]:
        if group["kernels"] == 0:
            expected = 0.0
        else:
            assert group["kernels"] == 1, "group by module: one op per group"
            contraction = 2 * group["macs"]
            other = group["flops"] - contraction + 4 * group["transcendentals"]
            compute = contraction / peak + other / (target["fp32_tflops"] * 1e12)
            memory = group["bytes"] / (target["memory_tbps"] * 1e12)
            expected = max(compute, memory) * 1e6 + table["launch_overhead_us"]
        total += expected
        ok = abs(group["time_us"] - expected) <= 1e-9 * max(1.0, expected)
        passed += ok
        failed += not ok
        print("%s %s: %.6f us (expected %.6f)" % ("ok" if ok else "MISMATCH",
              group["name"], group["time_us"], expected))
    ok = abs(report["total"]["time_us"] - total) <= 1e-9 * total
    passed += ok
    failed += not ok
    print("%s total: %.6f us (expected %.6f)" % ("ok" if ok else "MISMATCH",
          report["total"]["time_us"], total))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

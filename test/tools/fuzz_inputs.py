#!/usr/bin/env python3
"""Feeds truncated and corrupted safetensors and .npy files to dit-run.

For a valid case (CASE_DIR with weights.safetensors, x.npy, t.npy, y.npy)
and its model, writes deterministic variants of each file (every kind of
truncation point, random byte flips in the header and anywhere) and runs
`dit-run --check-only` on each. A variant passes when dit-run exits 0 (the
damage left a valid file) or exits 1 with a "dit-run: error:" message; a
crash (a signal), any other exit code, or a silent failure is a failure.
Prints one line per failure and "N passed, M failed".
"""

import os
import random
import subprocess
import sys


def variants(blob, rng, count):
    """Yields (label, bytes) damaged copies of `blob`."""
    for cut in sorted({0, 1, 7, 8, 9, 16, 64, len(blob) // 2, len(blob) - 1}
                      | {rng.randrange(len(blob)) for _ in range(count)}):
        if 0 <= cut < len(blob):
            yield "truncated at %d" % cut, blob[:cut]
    header_end = min(len(blob), 256)
    for i in range(count):
        data = bytearray(blob)
        limit = header_end if i % 2 == 0 else len(blob)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(limit)] = rng.randrange(256)
        yield "bytes flipped (%d)" % i, bytes(data)


def main():
    model, case, work = sys.argv[1:4]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    rng = random.Random(1234)
    os.makedirs(work, exist_ok=True)
    files = {"weights": os.path.join(case, "weights.safetensors"),
             "x": os.path.join(case, "x.npy"), "t": os.path.join(case, "t.npy"),
             "y": os.path.join(case, "y.npy")}
    passed = failed = 0
    for target, path in files.items():
        with open(path, "rb") as f:
            blob = f.read()
        for label, data in variants(blob, rng, count):
            damaged = os.path.join(work, "damaged-" + os.path.basename(path))
            with open(damaged, "wb") as f:
                f.write(data)
            chosen = dict(files)
            chosen[target] = damaged
            cmd = ["dit-run", model, "--check-only",
                   "--weights=" + chosen["weights"]]
            cmd += ["--input=%s=%s" % (k, chosen[k]) for k in ("x", "t", "y")]
            result = subprocess.run(cmd, capture_output=True, text=True,
                                    errors="replace")
            ok = result.returncode == 0 or (
                result.returncode == 1 and "dit-run: error:" in result.stderr)
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s %s: exit %d: %s" % (target, label,
                                                   result.returncode,
                                                   result.stderr.strip()))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

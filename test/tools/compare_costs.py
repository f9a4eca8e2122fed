#!/usr/bin/env python3
"""Compares dit-opt's cost report on dit-gen models with the closed form.

For each configuration, runs `dit-gen ARGS | dit-opt --dit-cost-report=...`
and checks every total field (count, macs, flops, transcendentals, bytes)
and the sampling figure against dit_cost_closed_form.py, which shares no
code with the compiler. `--table4` instead checks the paper convention of
the 12 paper models (and XL/2 at 512) against the DiT paper's printed
Table 4 within |ours - printed| <= 0.005 G + 0.03% of printed.

Prints one line per check and a closing "N passed, M failed" line; exits 1
on any failure. dit-gen and dit-opt are taken from PATH.
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dit_cost_closed_form as closed  # noqa: E402

# (dit-gen arguments, closed-form keyword arguments)
CONFIGS = [
    (["--model=DiT-XL/2"], dict(model="DiT-XL/2")),
    (["--model=DiT-S/2", "--batch=2", "--cfg"],
     dict(model="DiT-S/2", batch=2, cfg=True)),
    (["--model=DiT-L/8", "--dtype=f16", "--cfg", "--cfg-channels=all"],
     dict(model="DiT-L/8", dtype="f16", cfg=True, cfg_channels="all")),
    (["--model=DiT-B/4", "--image-size=512", "--batch=3", "--dtype=bf16"],
     dict(model="DiT-B/4", image_size=512, batch=3, dtype="bf16")),
    (["--depth=2", "--hidden=96", "--heads=3", "--patch=4", "--image-size=64",
      "--in-channels=3", "--num-classes=10", "--learn-sigma=false"],
     dict(depth=2, hidden=96, heads=3, patch=4, image_size=64, in_channels=3,
          num_classes=10, learn_sigma=False)),
]
CONVENTIONS = ["paper", "fvcore", "torch", "full"]
FIELDS = ["count", "macs", "flops", "transcendentals", "bytes"]


def report(gen_args, convention, steps=0, lower=False):
    """Runs dit-gen | dit-opt and returns the parsed JSON report (of the
    module after --convert-dit-to-linalg with `lower`)."""
    module = subprocess.run(["dit-gen"] + gen_args, check=True,
                            capture_output=True).stdout
    option = "convention=%s format=json steps=%d" % (convention, steps)
    passes = ["--convert-dit-to-linalg"] if lower else []
    out = subprocess.run(["dit-opt"] + passes +
                         ["--dit-cost-report=" + option, "-o", os.devnull],
                         input=module, check=True, capture_output=True).stdout
    return json.loads(out)


def expected(spec, convention, field):
    """The closed-form figure for a configuration given as keywords."""
    preset = closed.parse_model(spec.get("model", "DiT-XL/2"))
    depth, hidden, heads, patch = (spec.get(k, v) for k, v in zip(
        ("depth", "hidden", "heads", "patch"), preset))
    in_channels = spec.get("in_channels", 4)
    costs = closed.dit_costs(
        depth, hidden, heads, patch,
        image_size=spec.get("image_size", 256), batch=spec.get("batch", 1),
        in_channels=in_channels, num_classes=spec.get("num_classes", 1000),
        learn_sigma=spec.get("learn_sigma", True), cfg=spec.get("cfg", False),
        cfg_channels=in_channels if spec.get("cfg_channels") == "all" else 3,
        elem_bytes=4 if spec.get("dtype", "f32") == "f32" else 2)
    return closed.select(costs, field, convention)


def main():
    passed = failed = 0

    def check(what, ours, theirs, reference="closed form"):
        nonlocal passed, failed
        ok = ours == theirs
        passed += ok
        failed += not ok
        print("%s %s: ours %s, %s %s" %
              ("ok" if ok else "MISMATCH", what, ours, reference, theirs))

    if sys.argv[1:] == ["--lowering"]:
        # Contraction counts survive --convert-dit-to-linalg exactly; the
        # full count grows by the one documented difference: the two-pass
        # layer norm subtracts the mean twice, (2L + 1) N T D more flops.
        for gen_args, spec in CONFIGS:
            what = " ".join(gen_args)
            for convention in ("paper", "torch"):
                before = report(gen_args, convention)["total"]
                after = report(gen_args, convention, lower=True)["total"]
                check("%s %s count after lowering" % (what, convention),
                      after["count"], before["count"], "before")
            before = report(gen_args, "full")["total"]
            after = report(gen_args, "full", lower=True)["total"]
            preset = closed.parse_model(spec.get("model", "DiT-XL/2"))
            depth = spec.get("depth", preset[0])
            hidden = spec.get("hidden", preset[1])
            patch = spec.get("patch", preset[3])
            tokens = (spec.get("image_size", 256) // 8 // patch) ** 2
            batch = spec.get("batch", 1) * (2 if spec.get("cfg") else 1)
            check("%s full flops after - before" % what,
                  after["flops"] - before["flops"],
                  (2 * depth + 1) * batch * tokens * hidden)
            check("%s transcendentals after lowering" % what,
                  after["transcendentals"], before["transcendentals"],
                  "before")
            print("  %s full count: dit %d, linalg %d" %
                  (what, before["count"], after["count"]))
    elif sys.argv[1:] == ["--table4"]:
        for name, size, printed in closed.TABLE4:
            ours = report(["--model=" + name, "--image-size=%d" % size],
                          "paper")["total"]["count"]
            ok = abs(ours / 1e9 - printed) <= 0.005 + 0.0003 * printed
            passed += ok
            failed += not ok
            print("%s %s %d: %d MACs = %.4f G, printed %.2f G" %
                  ("ok" if ok else "OUT-OF-TOLERANCE", name, size, ours,
                   ours / 1e9, printed))
    else:
        for gen_args, spec in CONFIGS:
            for convention in CONVENTIONS:
                total = report(gen_args, convention)["total"]
                for field in FIELDS:
                    check("%s %s %s" % (" ".join(gen_args), convention, field),
                          total[field], expected(spec, convention, field))
            # Sampling: S steps x count / images.
            images = spec.get("batch", 1)
            sampling = report(gen_args, "paper", steps=250)["sampling"]
            check("%s paper steps=250 per_image" % " ".join(gen_args),
                  sampling["per_image"],
                  250 * expected(spec, "paper", "count") // images)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

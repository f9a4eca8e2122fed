#!/usr/bin/env python3
"""Runs one DiT configuration through dit-gen + dit-run and the numpy reference.

Writes a case (random weights as safetensors, inputs as .npy, the float64
reference output) with test/reference/make_case.py, generates the same model
with dit-gen, runs it with dit-run (optionally after a dit-opt pipeline), and
prints the relative error max|out - ref| / max|ref|. Exits 1 if it exceeds
--tol. dit-gen, dit-opt and dit-run are taken from PATH.

Model options mirror dit-gen's (--image-size is in pixels; the latent is
image-size / 8).
"""

import argparse
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.join(HERE, "..", "reference")


def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        sys.exit("command failed: " + " ".join(cmd))
    return result.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    for name in ("depth", "hidden", "heads", "patch", "image-size", "batch"):
        ap.add_argument("--" + name, type=int, required=True)
    ap.add_argument("--in-channels", type=int, default=4)
    ap.add_argument("--num-classes", type=int, default=10)
    ap.add_argument("--learn-sigma", default="true")
    ap.add_argument("--dtype", default="f32")
    ap.add_argument("--cfg", action="store_true")
    ap.add_argument("--cfg-scale", type=float, default=4.0)
    ap.add_argument("--cfg-channels", default="3")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--with-pos-embed", action="store_true")
    ap.add_argument("--opt", default="", help="dit-opt pipeline run first")
    ap.add_argument("--pipeline", default="",
                    help="dit-run --pipeline (default: dit-lower-to-cpu)")
    ap.add_argument("--tol", type=float, required=True)
    ap.add_argument("--work", required=True, help="scratch directory")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    case = os.path.join(args.work, "case")
    model_args = ["--depth", str(args.depth), "--hidden", str(args.hidden),
                  "--heads", str(args.heads), "--patch", str(args.patch),
                  "--batch", str(args.batch),
                  "--in-channels", str(args.in_channels),
                  "--num-classes", str(args.num_classes),
                  "--learn-sigma", args.learn_sigma]
    make = [sys.executable, os.path.join(REFERENCE, "make_case.py")] + \
        model_args + ["--image-size", str(args.image_size // 8),
                      "--dtype", args.dtype, "--seed", str(args.seed),
                      "--out", case]
    gen = ["dit-gen"] + ["--%s=%s" % (model_args[i][2:], model_args[i + 1])
                         for i in range(0, len(model_args), 2)]
    gen += ["--image-size=%d" % args.image_size, "--dtype=" + args.dtype]
    if args.cfg:
        # The reference's "all" means every output channel; dit-gen's means
        # every input channel: pass an explicit count to both.
        channels = args.in_channels if args.cfg_channels == "all" \
            else int(args.cfg_channels)
        make += ["--cfg", "--cfg-scale", str(args.cfg_scale),
                 "--cfg-channels", str(channels)]
        gen += ["--cfg", "--cfg-channels=%d" % channels]
    if args.with_pos_embed:
        make.append("--with-pos-embed")
    run(make)
    model = os.path.join(args.work, "model.mlir")
    run(gen + ["-o", model])
    if args.opt:
        run(["dit-opt", model, "--pass-pipeline=" + args.opt,
             "-o", model + ".opt.mlir"])
        model += ".opt.mlir"
    out = os.path.join(args.work, "out.npy")
    cmd = ["dit-run", model, "--weights=" + os.path.join(case,
                                                         "weights.safetensors"),
           "--output=" + out]
    if args.pipeline:
        cmd.append("--pipeline=" + args.pipeline)
    for name in ("x", "t", "y") + (("cfg_scale",) if args.cfg else ()):
        cmd.append("--input=%s=%s" % (name, os.path.join(case, name + ".npy")))
    run(cmd)

    got = np.load(out)
    ref = np.load(os.path.join(case, "ref.npy"))
    if got.shape != ref.shape:
        sys.exit("shape mismatch: dit-run %s, reference %s" %
                 (got.shape, ref.shape))
    if not np.all(np.isfinite(got)):
        sys.exit("dit-run produced non-finite values")
    error = float(np.max(np.abs(got.astype(np.float64) - ref)) /
                  np.max(np.abs(ref)))
    verdict = "ok" if error <= args.tol else "FAIL"
    print("%s: shape %s, max|out-ref|/max|ref| = %.3e (tolerance %.0e)" %
          (verdict, "x".join(map(str, got.shape)), error, args.tol))
    return 0 if error <= args.tol else 1


if __name__ == "__main__":
    sys.exit(main())

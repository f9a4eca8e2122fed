#!/usr/bin/python3
"""Compare an output against a reference:  compare.py OUT.npy REF.npy [--tol 1e-4]

Prints  max|out-ref|/max|ref| = <value>  and exits
    0  if the value is <= tol,
    1  if it exceeds tol, the shapes differ, or either array has a non-finite value.
(If ref is identically zero the denominator is taken as 1, i.e. the absolute error.)
"""

import argparse
import sys

import numpy as np


def relative_max_error(out, ref):
    """max|out - ref| / max|ref|, in float64."""
    out = np.asarray(out, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    denom = np.abs(ref).max() if ref.size else 0.0
    err = np.abs(out - ref).max() if ref.size else 0.0
    return err / denom if denom > 0 else err


def main(argv=None):
    ap = argparse.ArgumentParser(description="relative max-error comparison")
    ap.add_argument("out")
    ap.add_argument("ref")
    ap.add_argument("--tol", type=float, default=1e-4)
    a = ap.parse_args(argv)
    out, ref = np.load(a.out), np.load(a.ref)
    if out.shape != ref.shape:
        print("shape mismatch: out %s vs ref %s" % (out.shape, ref.shape))
        return 1
    bad = False
    for name, arr in (("out", out), ("ref", ref)):
        n = int(np.size(arr) - np.isfinite(arr).sum())
        if n:
            print("%s has %d non-finite values" % (name, n))
            bad = True
    if bad:
        return 1
    value = relative_max_error(out, ref)
    print("max|out-ref|/max|ref| = %.6e" % value)
    if not value <= a.tol:
        print("FAIL: exceeds tol %g" % a.tol)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

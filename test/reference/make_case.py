#!/usr/bin/python3
"""Write a DiT test case: random weights, inputs and the float64 reference output.

    make_case.py --depth 2 --hidden 64 --heads 4 --patch 2 --image-size 32 --batch 2 \
        [--cfg --cfg-scale 4.0 --cfg-channels 3|all|K] [--num-classes 10] \
        [--learn-sigma true|false] [--in-channels 4] [--dtype f32|f16|bf16] \
        [--with-pos-embed] --seed S --out DIR

Files written to DIR:
    weights.safetensors  random params (PyTorch state-dict names) in the requested dtype
    x.npy                float32 [batch, C, H, W] latents, standard normal
    t.npy                int64   [batch] timesteps in [0, 1000)
    y.npy                int64   [batch] labels in [0, num_classes)
    cfg_scale.npy        float32 scalar (only with --cfg)
    ref.npy              float32 [batch, C_out, H, W] reference output, computed in
                         float64 from the weights AS STORED (read back from the file,
                         i.e. after rounding to the stored dtype) and the saved inputs
    case.json            the configuration (heads, cfg channels, ...) for convenience

With --cfg, x/t/y hold the N = batch images; the reference builds the doubled batch
itself (see dit_reference.forward_with_cfg).  --image-size is the latent size (H = W).
"""

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dit_reference as ref          # noqa: E402
from safetensors_io import load_file_with_info, save_file   # noqa: E402

STORE_DTYPES = {"f32": "F32", "f16": "F16", "bf16": "BF16"}


def parse_bool(s):
    v = s.strip().lower()
    if v in ("true", "1", "yes"):
        return True
    if v in ("false", "0", "no"):
        return False
    raise argparse.ArgumentTypeError("expected true or false, got %r" % s)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--depth", type=int, required=True)
    ap.add_argument("--hidden", type=int, required=True)
    ap.add_argument("--heads", type=int, required=True)
    ap.add_argument("--patch", type=int, required=True)
    ap.add_argument("--image-size", type=int, required=True, help="latent H = W")
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--in-channels", type=int, default=4)
    ap.add_argument("--num-classes", type=int, default=1000)
    ap.add_argument("--learn-sigma", type=parse_bool, default=True)
    ap.add_argument("--cfg", action="store_true", help="classifier-free guidance case")
    ap.add_argument("--cfg-scale", type=float, default=4.0)
    ap.add_argument("--cfg-channels", default="3", help="3 (DiT quirk), all (= C_out), or K")
    ap.add_argument("--dtype", choices=sorted(STORE_DTYPES), default="f32",
                    help="storage dtype of the weights")
    ap.add_argument("--with-pos-embed", action="store_true",
                    help="also store the fixed pos_embed buffer [1, T, D] (as real "
                         "checkpoints do); the reference then uses the stored values")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)

    if a.image_size % a.patch:
        ap.error("--image-size must be divisible by --patch")
    os.makedirs(a.out, exist_ok=True)

    # Weights: generated in float32, stored in the requested dtype.
    params = ref.random_params(a.depth, a.hidden, a.heads, a.patch,
                               in_channels=a.in_channels, num_classes=a.num_classes,
                               learn_sigma=a.learn_sigma, seed=a.seed,
                               image_size=a.image_size if a.with_pos_embed else None)
    wpath = os.path.join(a.out, "weights.safetensors")
    meta = {"format": "pt", "generator": "dit_reference.random_params",
            "heads": str(a.heads), "seed": str(a.seed)}
    save_file(params, wpath, metadata=meta, dtypes=STORE_DTYPES[a.dtype])

    # Inputs: an independent stream derived from the seed.
    rng = np.random.default_rng([a.seed, 1])
    shape = (a.batch, a.in_channels, a.image_size, a.image_size)
    x = rng.standard_normal(shape).astype(np.float32)
    t = rng.integers(0, 1000, size=a.batch).astype(np.int64)
    y = rng.integers(0, a.num_classes, size=a.batch).astype(np.int64)
    np.save(os.path.join(a.out, "x.npy"), x)
    np.save(os.path.join(a.out, "t.npy"), t)
    np.save(os.path.join(a.out, "y.npy"), y)

    # Reference: computed from the weights as stored (read back from the file).
    stored, _, _ = load_file_with_info(wpath)
    conf = ref.infer_config(stored, a.heads)
    info = dict(depth=a.depth, hidden=a.hidden, heads=a.heads, patch=a.patch,
                image_size=a.image_size, batch=a.batch, in_channels=a.in_channels,
                out_channels=conf["out_channels"], num_classes=a.num_classes,
                learn_sigma=a.learn_sigma, dtype=a.dtype, seed=a.seed,
                with_pos_embed=a.with_pos_embed, cfg=a.cfg)
    if a.cfg:
        g = ref.parse_guided_channels(a.cfg_channels, conf["out_channels"])
        s = np.float32(a.cfg_scale)
        np.save(os.path.join(a.out, "cfg_scale.npy"), np.array(s, dtype=np.float32))
        out = ref.forward_with_cfg(stored, x, t, y, s, a.heads, guided_channels=g)
        info.update(cfg_scale=float(s), cfg_channels=g)
    else:
        out = ref.forward(stored, x, t, y, a.heads)
    np.save(os.path.join(a.out, "ref.npy"), out.astype(np.float32))
    with open(os.path.join(a.out, "case.json"), "w") as f:
        json.dump(info, f, indent=1)
    print("wrote %s: ref shape %s, max|ref| = %.6g"
          % (a.out, tuple(out.shape), float(np.abs(out).max())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

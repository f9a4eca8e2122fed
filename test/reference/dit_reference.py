#!/usr/bin/python3
"""Independent numpy reference implementation of the DiT forward pass.

DiT = "Scalable Diffusion Models with Transformers" (Peebles & Xie, 2023).  This
module mirrors facebookresearch/DiT `models.py` (DiT, DiTBlock, FinalLayer,
TimestepEmbedder, LabelEmbedder, get_2d_sincos_pos_embed) together with the timm
pieces it uses (PatchEmbed, Attention, Mlp).  It is written from the written
specification only and is meant to serve as a numerical oracle: everything is
computed in float64 by default.

Parameters are a dict  name -> numpy array  using exactly the PyTorch state-dict
names and shapes.  Linear weights are [out, in] (y = x @ W.T + b).

    x_embedder.proj.weight            [D, C, p, p]   (Conv2d, kernel = stride = p)
    x_embedder.proj.bias              [D]
    pos_embed                         [1, T, D]      (optional fixed buffer, see forward)
    t_embedder.mlp.0.weight / .bias   [D, 256] / [D]
    t_embedder.mlp.2.weight / .bias   [D, D] / [D]
    y_embedder.embedding_table.weight [num_classes + 1, D]   (last row = null class)
    blocks.{i}.attn.qkv.*             [3D, D] / [3D]
    blocks.{i}.attn.proj.*            [D, D] / [D]
    blocks.{i}.mlp.fc1.*              [4D, D] / [4D]
    blocks.{i}.mlp.fc2.*              [D, 4D] / [D]
    blocks.{i}.adaLN_modulation.1.*   [6D, D] / [6D]
    final_layer.adaLN_modulation.1.*  [2D, D] / [2D]
    final_layer.linear.*              [p*p*C_out, D] / [p*p*C_out]

CLI (see `main`):
    dit_reference.py --case DIR [--out OUT.npy]
    dit_reference.py --weights W.safetensors --x X.npy --t T.npy --y Y.npy --heads H \
                     [--cfg-scale S [--cfg-channels 3|all|K]] --out OUT.npy
"""

import argparse
import json
import math
import os
import re
import sys

import numpy as np

FREQUENCY_EMBEDDING_SIZE = 256   # TimestepEmbedder.frequency_embedding_size
MAX_PERIOD = 10000.0             # TimestepEmbedder.timestep_embedding max_period
LN_EPS = 1e-6                    # nn.LayerNorm(..., elementwise_affine=False, eps=1e-6)
MLP_RATIO = 4


# ----------------------------------------------------------------------------
# Configuration
# ----------------------------------------------------------------------------

def infer_config(params, heads):
    """Infer the model configuration from parameter shapes (heads is passed in).

    Returns a dict with depth, hidden, heads, head_dim, patch, in_channels,
    out_channels, learn_sigma, num_classes.  Raises ValueError on inconsistent
    shapes, so a malformed state dict fails loudly instead of silently.
    """
    w = params["x_embedder.proj.weight"]
    if w.ndim != 4 or w.shape[2] != w.shape[3]:
        raise ValueError("x_embedder.proj.weight must be [D, C, p, p], got %s" % (w.shape,))
    hidden, in_channels, patch = int(w.shape[0]), int(w.shape[1]), int(w.shape[2])

    block_ids = set()
    for name in params:
        m = re.match(r"blocks\.(\d+)\.", name)
        if m:
            block_ids.add(int(m.group(1)))
    depth = len(block_ids)
    if block_ids != set(range(depth)):
        raise ValueError("block indices are not contiguous from 0: %s" % sorted(block_ids))

    out_features = int(params["final_layer.linear.weight"].shape[0])
    if out_features % (patch * patch):
        raise ValueError("final_layer.linear out features %d not divisible by p*p" % out_features)
    out_channels = out_features // (patch * patch)
    num_classes = int(params["y_embedder.embedding_table.weight"].shape[0]) - 1

    heads = int(heads)
    if heads <= 0 or hidden % heads:
        raise ValueError("hidden %d is not divisible by heads %d" % (hidden, heads))
    if hidden % 4:
        raise ValueError("hidden %d must be divisible by 4 (2D sin-cos pos embed)" % hidden)

    cfg = dict(depth=depth, hidden=hidden, heads=heads, head_dim=hidden // heads,
               patch=patch, in_channels=in_channels, out_channels=out_channels,
               learn_sigma=(out_channels == 2 * in_channels), num_classes=num_classes)
    _check_shapes(params, cfg)
    return cfg


def expected_shapes(cfg):
    """Name -> shape of every learned parameter for a configuration (state-dict order)."""
    D, C, p = cfg["hidden"], cfg["in_channels"], cfg["patch"]
    shapes = {
        "x_embedder.proj.weight": (D, C, p, p),
        "x_embedder.proj.bias": (D,),
        "t_embedder.mlp.0.weight": (D, FREQUENCY_EMBEDDING_SIZE),
        "t_embedder.mlp.0.bias": (D,),
        "t_embedder.mlp.2.weight": (D, D),
        "t_embedder.mlp.2.bias": (D,),
        "y_embedder.embedding_table.weight": (cfg["num_classes"] + 1, D),
    }
    for i in range(cfg["depth"]):
        b = "blocks.%d." % i
        shapes[b + "attn.qkv.weight"] = (3 * D, D)
        shapes[b + "attn.qkv.bias"] = (3 * D,)
        shapes[b + "attn.proj.weight"] = (D, D)
        shapes[b + "attn.proj.bias"] = (D,)
        shapes[b + "mlp.fc1.weight"] = (MLP_RATIO * D, D)
        shapes[b + "mlp.fc1.bias"] = (MLP_RATIO * D,)
        shapes[b + "mlp.fc2.weight"] = (D, MLP_RATIO * D)
        shapes[b + "mlp.fc2.bias"] = (D,)
        shapes[b + "adaLN_modulation.1.weight"] = (6 * D, D)
        shapes[b + "adaLN_modulation.1.bias"] = (6 * D,)
    shapes["final_layer.adaLN_modulation.1.weight"] = (2 * D, D)
    shapes["final_layer.adaLN_modulation.1.bias"] = (2 * D,)
    shapes["final_layer.linear.weight"] = (p * p * cfg["out_channels"], D)
    shapes["final_layer.linear.bias"] = (p * p * cfg["out_channels"],)
    return shapes


def _check_shapes(params, cfg):
    for name, shape in expected_shapes(cfg).items():
        if name not in params:
            raise ValueError("missing parameter %s" % name)
        if tuple(params[name].shape) != shape:
            raise ValueError("parameter %s has shape %s, expected %s"
                             % (name, tuple(params[name].shape), shape))


def _heads_of(cfg):
    """`cfg` may be an int (number of heads) or a mapping with key 'heads'."""
    if isinstance(cfg, dict):
        return cfg["heads"]
    return cfg


# ----------------------------------------------------------------------------
# Elementwise helpers
# ----------------------------------------------------------------------------

def linear(x, params, name):
    """nn.Linear: y = x @ W.T + b with W = params[name + '.weight'] ([out, in])."""
    return x @ params[name + ".weight"].T + params[name + ".bias"]


def silu(x):
    """nn.SiLU: x * sigmoid(x); sigmoid written via tanh to avoid exp overflow."""
    return x * (0.5 * (1.0 + np.tanh(0.5 * x)))


def gelu_tanh(x):
    """nn.GELU(approximate='tanh'): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    return 0.5 * x * (1.0 + np.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def layer_norm(x, eps=LN_EPS):
    """nn.LayerNorm(D, elementwise_affine=False, eps=1e-6) over the last axis.

    Uses the biased variance (mean of squared deviations), like PyTorch.
    """
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)


def modulate(x, shift, scale):
    """DiT `modulate`: x * (1 + scale) + shift, shift/scale [N, D] broadcast over tokens."""
    return x * (1.0 + scale[:, None, :]) + shift[:, None, :]


def softmax(x, axis=-1):
    """Numerically stable softmax."""
    z = x - x.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


# ----------------------------------------------------------------------------
# Embedders
# ----------------------------------------------------------------------------

def patch_embed(x, weight, bias):
    """timm PatchEmbed: Conv2d(C -> D, kernel = stride = p) then flatten(2).transpose(1, 2).

    x [N, C, H, W] -> tokens [N, T, D], token index = row * (W/p) + col.
    The strided conv is a matmul on non-overlapping patches whose features are
    flattened in (channel, kernel_row, kernel_col) order, matching weight [D, C, p, p].
    """
    N, C, H, W = x.shape
    D, Cw, p, _ = weight.shape
    if C != Cw or H % p or W % p:
        raise ValueError("input %s incompatible with patch weight %s" % (x.shape, weight.shape))
    gh, gw = H // p, W // p
    patches = x.reshape(N, C, gh, p, gw, p).transpose(0, 2, 4, 1, 3, 5)  # N,gh,gw,C,p,p
    patches = patches.reshape(N, gh * gw, C * p * p)
    return patches @ weight.reshape(D, C * p * p).T + bias


def pos_embed_1d(dim, pos):
    """MAE get_1d_sincos_pos_embed_from_grid: [sin(pos*w_k) for k<dim/2, cos(pos*w_k)],
    w_k = 10000^(-k / (dim/2)).  pos [M] -> [M, dim]."""
    omega = np.arange(dim // 2, dtype=np.float64) / (dim / 2.0)
    omega = 1.0 / MAX_PERIOD ** omega
    out = np.asarray(pos, dtype=np.float64).reshape(-1)[:, None] * omega[None, :]
    return np.concatenate([np.sin(out), np.cos(out)], axis=1)


def pos_embed_2d(dim, grid_h, grid_w=None):
    """DiT get_2d_sincos_pos_embed (MAE recipe), fixed, not learned.  Returns [T, dim].

    Channels [0, dim/2) encode the token's column, [dim/2, dim) its row;
    token index = row * grid_w + col.
    """
    if grid_w is None:
        grid_w = grid_h
    if dim % 4:
        raise ValueError("pos embed dim must be divisible by 4")
    rows, cols = np.meshgrid(np.arange(grid_h), np.arange(grid_w), indexing="ij")
    emb_col = pos_embed_1d(dim // 2, cols.reshape(-1))
    emb_row = pos_embed_1d(dim // 2, rows.reshape(-1))
    return np.concatenate([emb_col, emb_row], axis=1)


def timestep_embedding(t, dim=FREQUENCY_EMBEDDING_SIZE, max_period=MAX_PERIOD):
    """TimestepEmbedder.timestep_embedding: [cos(t*f_i), sin(t*f_i)] (cos first),
    f_i = exp(-ln(max_period) * i / half), i < half = dim // 2.  t [N] -> [N, dim]."""
    half = dim // 2
    freqs = np.exp(-math.log(max_period) * np.arange(half, dtype=np.float64) / half)
    args = np.asarray(t, dtype=np.float64)[:, None] * freqs[None, :]
    emb = np.concatenate([np.cos(args), np.sin(args)], axis=-1)
    if dim % 2:
        emb = np.concatenate([emb, np.zeros_like(emb[:, :1])], axis=-1)
    return emb


def t_embedder(t, params, dtype=np.float64):
    """TimestepEmbedder: sinusoid(256) -> Linear(256, D) -> SiLU -> Linear(D, D)."""
    h = timestep_embedding(t).astype(dtype)
    h = silu(linear(h, params, "t_embedder.mlp.0"))
    return linear(h, params, "t_embedder.mlp.2")


def y_embedder(y, params):
    """LabelEmbedder (eval mode, no label dropout): table lookup, row num_classes = null."""
    table = params["y_embedder.embedding_table.weight"]
    y = np.asarray(y)
    if not np.issubdtype(y.dtype, np.integer):
        raise ValueError("labels must be integers, got %s" % y.dtype)
    if y.size and (y.min() < 0 or y.max() >= table.shape[0]):
        raise ValueError("label out of range [0, %d]" % (table.shape[0] - 1))
    return table[y]


# ----------------------------------------------------------------------------
# Transformer pieces
# ----------------------------------------------------------------------------

def attention_core(q, k, v):
    """softmax(q k^T / sqrt(head_dim)) v for q, k, v [..., T, head_dim]."""
    scale = 1.0 / math.sqrt(q.shape[-1])
    scores = (q @ np.swapaxes(k, -1, -2)) * scale
    return softmax(scores, axis=-1) @ v


def attention(x, params, prefix, heads):
    """timm Attention (qkv_bias=True, no q/k norm): x [N, T, D] -> [N, T, D].

    qkv outputs are laid out [3 (q, k, v), heads, head_dim]; heads are
    concatenated back head-major ([heads, head_dim] -> D) before `proj`.
    """
    N, T, D = x.shape
    hd = D // heads
    qkv = linear(x, params, prefix + ".qkv").reshape(N, T, 3, heads, hd)
    qkv = qkv.transpose(2, 0, 3, 1, 4)                 # 3, N, heads, T, hd
    out = attention_core(qkv[0], qkv[1], qkv[2])       # N, heads, T, hd
    out = out.transpose(0, 2, 1, 3).reshape(N, T, D)   # head-major concat
    return linear(out, params, prefix + ".proj")


def mlp(x, params, prefix):
    """timm Mlp: fc1 (D -> 4D) -> GELU(tanh) -> fc2 (4D -> D)."""
    return linear(gelu_tanh(linear(x, params, prefix + ".fc1")), params, prefix + ".fc2")


def block(x, c, params, i, heads):
    """DiTBlock with adaLN-Zero conditioning (the zero init is irrelevant here).

    adaLN_modulation = SiLU -> Linear(D, 6D); chunks in the order
    shift_msa, scale_msa, gate_msa, shift_mlp, scale_mlp, gate_mlp (per sample).
    """
    pre = "blocks.%d." % i
    mod = linear(silu(c), params, pre + "adaLN_modulation.1")
    shift_msa, scale_msa, gate_msa, shift_mlp, scale_mlp, gate_mlp = np.split(mod, 6, axis=1)
    h = attention(modulate(layer_norm(x), shift_msa, scale_msa), params, pre + "attn", heads)
    x = x + gate_msa[:, None, :] * h
    h = mlp(modulate(layer_norm(x), shift_mlp, scale_mlp), params, pre + "mlp")
    return x + gate_mlp[:, None, :] * h


def final_layer(x, c, params):
    """FinalLayer: adaLN (SiLU -> Linear(D, 2D) -> shift, scale), modulate(LN(x)),
    Linear(D -> p*p*C_out).  Returns [N, T, p*p*C_out]."""
    mod = linear(silu(c), params, "final_layer.adaLN_modulation.1")
    shift, scale = np.split(mod, 2, axis=1)
    return linear(modulate(layer_norm(x), shift, scale), params, "final_layer.linear")


def unpatchify(x, patch, channels, grid_h, grid_w=None):
    """DiT.unpatchify: [N, T, p*p*C] -> [N, C, H, W].

    Token (r, c) with features laid out [p_i, p_j, channel] fills
    out[:, channel, r*p + p_i, c*p + p_j]   (einsum 'nhwpqc->nchpwq').
    """
    if grid_w is None:
        grid_w = grid_h
    N = x.shape[0]
    x = x.reshape(N, grid_h, grid_w, patch, patch, channels)
    x = np.einsum("nhwpqc->nchpwq", x)
    return x.reshape(N, channels, grid_h * patch, grid_w * patch)


# ----------------------------------------------------------------------------
# Full model
# ----------------------------------------------------------------------------

def forward(params, x, t, y, cfg, dtype=np.float64, use_stored_pos_embed=True):
    """DiT.forward(x, t, y) -> [N, C_out, H, W] computed in `dtype` (float64 default).

    cfg: the number of heads (int) or a mapping with key 'heads'; every other
         hyper-parameter is inferred from the parameter shapes.
    x [N, C, H, W], t [N] (float or int timesteps), y [N] int labels (num_classes = null).
    If params holds a `pos_embed` buffer [1, T, D] (as real DiT checkpoints do) and
    use_stored_pos_embed is true, that buffer is used, as load_state_dict would do;
    otherwise the 2D sin-cos embedding is computed here.
    """
    conf = infer_config(params, _heads_of(cfg))
    P = {k: np.asarray(v, dtype=dtype) for k, v in params.items()}
    x = np.asarray(x, dtype=dtype)
    N, C, H, W = x.shape
    t = np.asarray(t).reshape(-1)
    y = np.asarray(y).reshape(-1)
    if t.shape[0] != N or y.shape[0] != N:
        raise ValueError("batch mismatch: x %d, t %d, y %d" % (N, t.shape[0], y.shape[0]))
    p = conf["patch"]
    gh, gw = H // p, W // p

    h = patch_embed(x, P["x_embedder.proj.weight"], P["x_embedder.proj.bias"])
    if use_stored_pos_embed and "pos_embed" in P:
        pos = P["pos_embed"]
        if pos.shape != (1, gh * gw, conf["hidden"]):
            raise ValueError("pos_embed shape %s does not match [1, %d, %d]"
                             % (pos.shape, gh * gw, conf["hidden"]))
        pos = pos[0]
    else:
        pos = pos_embed_2d(conf["hidden"], gh, gw).astype(dtype)
    h = h + pos[None]

    c = t_embedder(t.astype(np.float64), P, dtype) + y_embedder(y, P)
    for i in range(conf["depth"]):
        h = block(h, c, P, i, conf["heads"])
    h = final_layer(h, c, P)
    return unpatchify(h, p, conf["out_channels"], gh, gw)


def forward_with_cfg(params, x, t, y, cfg_scale, heads, guided_channels=3,
                     dtype=np.float64, use_stored_pos_embed=True):
    """DiT.forward_with_cfg, returning the first N rows of its output.

    For N images the doubled batch is (x, x), (t, t), (y, [num_classes] * N).
    Channels < guided_channels become uncond + s * (cond - uncond); the remaining
    channels are the conditional half's.  The reference code guides 3 channels (a
    known quirk); pass guided_channels=C_out (or in_channels) for full guidance.
    """
    conf = infer_config(params, heads)
    x = np.asarray(x)
    N = x.shape[0]
    t = np.asarray(t).reshape(-1)
    y = np.asarray(y).reshape(-1)
    xx = np.concatenate([x, x], axis=0)
    tt = np.concatenate([t, t], axis=0)
    yy = np.concatenate([y.astype(np.int64), np.full(N, conf["num_classes"], np.int64)])
    out = forward(params, xx, tt, yy, heads, dtype=dtype,
                  use_stored_pos_embed=use_stored_pos_embed)
    cond, uncond = out[:N], out[N:]
    g = int(guided_channels)
    if not 0 <= g <= conf["out_channels"]:
        raise ValueError("guided_channels %d outside [0, %d]" % (g, conf["out_channels"]))
    s = np.asarray(cfg_scale, dtype=dtype)
    res = cond.copy()
    res[:, :g] = uncond[:, :g] + s * (cond[:, :g] - uncond[:, :g])
    return res


# ----------------------------------------------------------------------------
# Deterministic random weights
# ----------------------------------------------------------------------------

def random_params(depth, hidden, heads, patch, in_channels=4, num_classes=1000,
                  learn_sigma=True, seed=0, image_size=None, bias_std=0.05,
                  adaln_gain=0.5):
    """Deterministic random DiT weights (float32, like a checkpoint).

    Weights ~ N(0, 1) / sqrt(fan_in) so activations stay O(1); biases ~ N(0, bias_std);
    the label table ~ N(0, 1).  adaLN weights are NON-zero (adaln_gain / sqrt(D)),
    unlike DiT's zero init, so every path contributes to the output.
    If image_size (latent H = W) is given, the fixed `pos_embed` buffer [1, T, D] is
    included too, as in real checkpoints.
    """
    if hidden % heads or hidden % 4:
        raise ValueError("hidden must be divisible by heads and by 4")
    out_channels = in_channels * 2 if learn_sigma else in_channels
    cfg = dict(depth=depth, hidden=hidden, patch=patch, in_channels=in_channels,
               out_channels=out_channels, num_classes=num_classes)
    rng = np.random.default_rng(seed)
    params = {}
    for name, shape in expected_shapes(cfg).items():
        if name.endswith(".bias"):
            a = rng.standard_normal(shape) * bias_std
        elif name == "y_embedder.embedding_table.weight":
            a = rng.standard_normal(shape)
        else:
            fan_in = int(np.prod(shape[1:]))
            gain = adaln_gain if "adaLN_modulation" in name else 1.0
            a = rng.standard_normal(shape) * (gain / math.sqrt(fan_in))
        params[name] = a.astype(np.float32)
    if image_size is not None:
        g = image_size // patch
        params["pos_embed"] = pos_embed_2d(hidden, g, g)[None].astype(np.float32)
    return params


# ----------------------------------------------------------------------------
# CLI
# ----------------------------------------------------------------------------

def parse_guided_channels(value, out_channels):
    """'all' -> out_channels, otherwise an int."""
    if value is None:
        return 3
    if str(value).lower() == "all":
        return out_channels
    return int(value)


def main(argv=None):
    ap = argparse.ArgumentParser(description="numpy DiT reference forward pass")
    ap.add_argument("--case", help="case directory written by make_case.py "
                    "(reads weights.safetensors, x/t/y.npy, cfg_scale.npy, case.json)")
    ap.add_argument("--weights")
    ap.add_argument("--x")
    ap.add_argument("--t")
    ap.add_argument("--y")
    ap.add_argument("--heads", type=int)
    ap.add_argument("--cfg-scale", type=float, default=None)
    ap.add_argument("--cfg-channels", default=None, help="3 (default), all, or an int")
    ap.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    ap.add_argument("--out", help="output .npy (float32); default prints a summary only")
    a = ap.parse_args(argv)

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from safetensors_io import load_file

    cfg_scale, cfg_channels, heads = a.cfg_scale, a.cfg_channels, a.heads
    if a.case:
        with open(os.path.join(a.case, "case.json")) as f:
            meta = json.load(f)
        wpath = os.path.join(a.case, "weights.safetensors")
        x = np.load(os.path.join(a.case, "x.npy"))
        t = np.load(os.path.join(a.case, "t.npy"))
        y = np.load(os.path.join(a.case, "y.npy"))
        heads = heads or meta["heads"]
        cs = os.path.join(a.case, "cfg_scale.npy")
        if cfg_scale is None and os.path.exists(cs):
            cfg_scale = float(np.load(cs))
            cfg_channels = cfg_channels or str(meta.get("cfg_channels", 3))
    else:
        if not all([a.weights, a.x, a.t, a.y, heads]):
            ap.error("need --case or all of --weights --x --t --y --heads")
        wpath = a.weights
        x, t, y = np.load(a.x), np.load(a.t), np.load(a.y)
    params = load_file(wpath)
    dtype = np.dtype(a.dtype)
    if cfg_scale is None:
        out = forward(params, x, t, y, heads, dtype=dtype)
    else:
        conf = infer_config(params, heads)
        g = parse_guided_channels(cfg_channels, conf["out_channels"])
        out = forward_with_cfg(params, x, t, y, np.float32(cfg_scale), heads, g, dtype=dtype)
    print("output shape %s, max|out| = %.6g" % (out.shape, np.abs(out).max()))
    if a.out:
        np.save(a.out, out.astype(np.float32))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Self-checks of the numpy DiT reference (no compiler involved).

Each check compares a vectorised piece of dit_reference.py / safetensors_io.py with an
explicit loop or hand-computed values.  Prints "N passed, M failed" and exits non-zero
on any failure.
"""

import math
import os
import struct
import sys
import tempfile
import traceback

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dit_reference as ref                                       # noqa: E402
import safetensors_io as st                                       # noqa: E402

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def assert_close(a, b, tol=1e-12, what=""):
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    assert a.shape == b.shape, "%s: shape %s vs %s" % (what, a.shape, b.shape)
    err = np.abs(a - b).max() if a.size else 0.0
    assert err <= tol, "%s: max abs error %.3e > %.1e" % (what, err, tol)


# ----------------------------------------------------------------------------
# (a) 2D sin-cos positional embedding (MAE recipe)
# ----------------------------------------------------------------------------

def pos_embed_loop(D, gh, gw):
    """Direct loop: channels [0, D/2) encode the column, [D/2, D) the row; each half is
    [sin(pos * w_k) for k < D/4] + [cos(pos * w_k) for k < D/4], w_k = 10000^(-k/(D/4))."""
    q = D // 4
    out = np.zeros((gh * gw, D))
    for r in range(gh):
        for c in range(gw):
            tok = r * gw + c
            for k in range(q):
                w = 10000.0 ** (-k / q)
                out[tok, k] = math.sin(c * w)
                out[tok, q + k] = math.cos(c * w)
                out[tok, 2 * q + k] = math.sin(r * w)
                out[tok, 3 * q + k] = math.cos(r * w)
    return out


@check
def a_pos_embed_2d():
    for D, gh, gw in [(16, 4, 4), (8, 3, 5), (32, 2, 2)]:
        assert_close(ref.pos_embed_2d(D, gh, gw), pos_embed_loop(D, gh, gw), 1e-12,
                     "pos_embed D=%d grid %dx%d" % (D, gh, gw))
    e = ref.pos_embed_2d(16, 4, 4)
    # token 1 = (row 0, col 1): channel 0 = sin(1 * w_0) = sin(1); channel 8 = sin(row 0) = 0
    assert abs(e[1, 0] - math.sin(1.0)) < 1e-15 and e[1, 8] == 0.0 and e[1, 12] == 1.0
    # token 4 = (row 1, col 0): channel 8 = sin(1), channel 0 = 0
    assert abs(e[4, 8] - math.sin(1.0)) < 1e-15 and e[4, 0] == 0.0


# ----------------------------------------------------------------------------
# (b) timestep embedding
# ----------------------------------------------------------------------------

@check
def b_timestep_embedding():
    t = np.array([0.0, 1.0, 17.0, 999.0, 250.5])
    got = ref.timestep_embedding(t, 256)
    want = np.zeros((len(t), 256))
    for n, tn in enumerate(t):
        for i in range(128):
            f = math.exp(-math.log(10000.0) * i / 128)
            want[n, i] = math.cos(tn * f)          # cos first
            want[n, 128 + i] = math.sin(tn * f)    # then sin
    assert_close(got, want, 1e-12, "timestep embedding")
    assert np.all(got[0, :128] == 1.0) and np.all(got[0, 128:] == 0.0)
    assert abs(got[1, 0] - math.cos(1.0)) < 1e-15 and abs(got[1, 128] - math.sin(1.0)) < 1e-15


# ----------------------------------------------------------------------------
# (c) unpatchify layout
# ----------------------------------------------------------------------------

@check
def c_unpatchify():
    p, C, gh, gw = 2, 3, 2, 3
    x = np.arange(2 * gh * gw * p * p * C, dtype=np.float64).reshape(2, gh * gw, p * p * C)
    out = ref.unpatchify(x, p, C, gh, gw)
    assert out.shape == (2, C, gh * p, gw * p)
    # value = token * 12 + (p_i * 2 + p_j) * 3 + channel, token = row * 3 + col
    hand = {(0, 0, 0, 0): 0, (0, 1, 0, 0): 1, (0, 0, 0, 1): 3, (0, 0, 1, 0): 6,
            (0, 2, 1, 1): 11, (0, 0, 0, 2): 12, (0, 0, 2, 0): 36, (0, 2, 3, 5): 71,
            (1, 0, 0, 0): 72, (1, 1, 2, 3): 72 + 4 * 12 + (0 * 2 + 1) * 3 + 1}
    for idx, v in hand.items():
        assert out[idx] == v, "unpatchify%s = %s, expected %s" % (idx, out[idx], v)
    # exhaustive loop of the documented rule
    for n in range(2):
        for r in range(gh):
            for c in range(gw):
                for pi in range(p):
                    for pj in range(p):
                        for ch in range(C):
                            v = x[n, r * gw + c, (pi * p + pj) * C + ch]
                            assert out[n, ch, r * p + pi, c * p + pj] == v


@check
def c2_patch_embed_vs_conv_loop():
    rng = np.random.default_rng(3)
    N, C, H, W, D, p = 2, 3, 4, 6, 5, 2
    x = rng.standard_normal((N, C, H, W))
    w = rng.standard_normal((D, C, p, p))
    b = rng.standard_normal(D)
    got = ref.patch_embed(x, w, b)
    want = np.zeros((N, (H // p) * (W // p), D))
    for n in range(N):
        for r in range(H // p):
            for c in range(W // p):
                for d in range(D):
                    s = b[d]
                    for ch in range(C):
                        for i in range(p):
                            for j in range(p):
                                s += w[d, ch, i, j] * x[n, ch, r * p + i, c * p + j]
                    want[n, r * (W // p) + c, d] = s
    assert_close(got, want, 1e-12, "patch embed")


# ----------------------------------------------------------------------------
# (d) attention
# ----------------------------------------------------------------------------

def attention_loop(x, wqkv, bqkv, wp, bp, heads):
    """Explicit per-sample, per-head, per-query loop of timm Attention."""
    N, T, D = x.shape
    hd = D // heads
    out = np.zeros_like(x)
    for n in range(N):
        qkv = x[n] @ wqkv.T + bqkv                       # T, 3D laid out [3, heads, hd]
        cat = np.zeros((T, D))
        for h in range(heads):
            q = qkv[:, 0 * D + h * hd: 0 * D + (h + 1) * hd]
            k = qkv[:, 1 * D + h * hd: 1 * D + (h + 1) * hd]
            v = qkv[:, 2 * D + h * hd: 2 * D + (h + 1) * hd]
            for i in range(T):
                s = np.array([sum(q[i, e] * k[j, e] for e in range(hd)) for j in range(T)])
                s = s / math.sqrt(hd)
                pr = np.exp(s - s.max())
                pr = pr / pr.sum()
                for j in range(T):
                    cat[i, h * hd:(h + 1) * hd] += pr[j] * v[j]   # head-major concat
        out[n] = cat @ wp.T + bp
    return out


@check
def d_attention():
    rng = np.random.default_rng(4)
    for heads, D in [(1, 6), (2, 8), (3, 12)]:
        N, T = 2, 5
        x = rng.standard_normal((N, T, D))
        P = {"a.qkv.weight": rng.standard_normal((3 * D, D)) / math.sqrt(D),
             "a.qkv.bias": rng.standard_normal(3 * D) * 0.1,
             "a.proj.weight": rng.standard_normal((D, D)) / math.sqrt(D),
             "a.proj.bias": rng.standard_normal(D) * 0.1}
        got = ref.attention(x, P, "a", heads)
        want = attention_loop(x, P["a.qkv.weight"], P["a.qkv.bias"],
                              P["a.proj.weight"], P["a.proj.bias"], heads)
        assert_close(got, want, 1e-12, "attention heads=%d" % heads)


@check
def d2_elementwise():
    x = np.linspace(-6, 6, 101)
    # layer norm: biased variance, eps 1e-6
    m = np.array([[1.0, 2.0, 3.0, 6.0]])
    mu, var = 3.0, ((1 - 3) ** 2 + (2 - 3) ** 2 + 0 + (6 - 3) ** 2) / 4.0
    assert_close(ref.layer_norm(m), (m - mu) / math.sqrt(var + 1e-6), 1e-14, "layer_norm")
    # GELU tanh approximation and SiLU
    c = math.sqrt(2 / math.pi)
    want = [0.5 * v * (1 + math.tanh(c * (v + 0.044715 * v ** 3))) for v in x]
    assert_close(ref.gelu_tanh(x), want, 1e-14, "gelu")
    assert_close(ref.silu(x), [v / (1 + math.exp(-v)) for v in x], 1e-14, "silu")
    assert abs(ref.gelu_tanh(np.array(1.0)) - 0.8411919906082768) < 1e-12


# ----------------------------------------------------------------------------
# Whole model: naive per-sample implementation for a tiny config
# ----------------------------------------------------------------------------

def naive_forward(P, x, t, y, heads):
    """Per-sample DiT forward built from the loop checks above (tiny sizes only)."""
    N, C, H, W = x.shape
    D, _, p, _ = P["x_embedder.proj.weight"].shape
    depth = len({k.split(".")[1] for k in P if k.startswith("blocks.")})
    Cout = P["final_layer.linear.weight"].shape[0] // (p * p)
    gh, gw = H // p, W // p
    ln = lambda v: (v - v.mean(-1, keepdims=True)) / np.sqrt(v.var(-1, keepdims=True) + 1e-6)
    sig = lambda v: 1 / (1 + np.exp(-v))
    lin = lambda v, n: v @ P[n + ".weight"].T + P[n + ".bias"]
    pos = pos_embed_loop(D, gh, gw)
    out = np.zeros((N, Cout, H, W))
    for n in range(N):
        tok = np.zeros((gh * gw, D))
        for r in range(gh):
            for c in range(gw):
                patch = x[n, :, r * p:(r + 1) * p, c * p:(c + 1) * p].reshape(-1)
                tok[r * gw + c] = P["x_embedder.proj.weight"].reshape(D, -1) @ patch \
                    + P["x_embedder.proj.bias"] + pos[r * gw + c]
        freqs = np.exp(-math.log(10000) * np.arange(128) / 128)
        temb = np.concatenate([np.cos(t[n] * freqs), np.sin(t[n] * freqs)])
        h = lin(temb, "t_embedder.mlp.0")
        cvec = lin(h * sig(h), "t_embedder.mlp.2") + P["y_embedder.embedding_table.weight"][y[n]]
        sc = cvec * sig(cvec)
        for i in range(depth):
            b = "blocks.%d." % i
            m = lin(sc, b + "adaLN_modulation.1")
            s1, c1, g1, s2, c2, g2 = [m[k * D:(k + 1) * D] for k in range(6)]
            a = attention_loop((ln(tok) * (1 + c1) + s1)[None], P[b + "attn.qkv.weight"],
                               P[b + "attn.qkv.bias"], P[b + "attn.proj.weight"],
                               P[b + "attn.proj.bias"], heads)[0]
            tok = tok + g1 * a
            hh = lin(ln(tok) * (1 + c2) + s2, b + "mlp.fc1")
            hh = 0.5 * hh * (1 + np.tanh(math.sqrt(2 / math.pi) * (hh + 0.044715 * hh ** 3)))
            tok = tok + g2 * lin(hh, b + "mlp.fc2")
        m = lin(sc, "final_layer.adaLN_modulation.1")
        f = lin(ln(tok) * (1 + m[D:]) + m[:D], "final_layer.linear")
        for r in range(gh):
            for c in range(gw):
                for pi in range(p):
                    for pj in range(p):
                        for ch in range(Cout):
                            out[n, ch, r * p + pi, c * p + pj] = \
                                f[r * gw + c, (pi * p + pj) * Cout + ch]
    return out


def tiny_case(learn_sigma=True, seed=7):
    P = ref.random_params(depth=2, hidden=16, heads=2, patch=2, in_channels=3,
                          num_classes=5, learn_sigma=learn_sigma, seed=seed)
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((2, 3, 4, 6)).astype(np.float32)
    t = np.array([3, 901], dtype=np.int64)
    y = np.array([4, 0], dtype=np.int64)
    return P, x, t, y


@check
def forward_vs_naive():
    for ls in (True, False):
        P, x, t, y = tiny_case(ls)
        got = ref.forward(P, x, t, y, 2)
        want = naive_forward({k: v.astype(np.float64) for k, v in P.items()},
                             x.astype(np.float64), t, y, 2)
        assert got.shape == (2, 6 if ls else 3, 4, 6)
        assert_close(got, want, 1e-10, "forward vs naive (learn_sigma=%s)" % ls)


@check
def forward_sanity():
    P = ref.random_params(2, 64, 4, 2, seed=1, num_classes=10, image_size=16)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, 4, 16, 16))
    t, y = np.array([10, 500]), np.array([1, 9])
    o64 = ref.forward(P, x, t, y, 4)
    assert o64.shape == (2, 8, 16, 16) and np.all(np.isfinite(o64))
    assert 0.1 < np.abs(o64).max() < 100, "activations not O(1): %g" % np.abs(o64).max()
    # the stored float32 pos_embed and the computed float64 one agree to float32 precision
    o_comp = ref.forward(P, x, t, y, {"heads": 4}, use_stored_pos_embed=False)
    assert_close(o64, o_comp, 1e-5 * np.abs(o64).max(), "stored vs computed pos_embed")
    o32 = ref.forward(P, x, t, y, 4, dtype=np.float32)
    assert o32.dtype == np.float32
    assert np.abs(o32 - o64).max() / np.abs(o64).max() < 1e-4
    # each conditioning input matters
    assert np.abs(ref.forward(P, x, t, np.array([2, 9]), 4) - o64)[0].max() > 1e-3
    assert np.abs(ref.forward(P, x, np.array([11, 500]), y, 4) - o64)[0].max() > 1e-3


# ----------------------------------------------------------------------------
# (e) classifier-free guidance
# ----------------------------------------------------------------------------

@check
def e_forward_with_cfg():
    P, x, t, y = tiny_case()
    nc = P["y_embedder.embedding_table.weight"].shape[0] - 1
    cond = ref.forward(P, x, t, y, 2)
    uncond = ref.forward(P, x, t, np.full(2, nc), 2)
    for g in (3, 4, 6):
        one = ref.forward_with_cfg(P, x, t, y, 1.0, 2, guided_channels=g)
        assert_close(one[:, :g], cond[:, :g], 1e-12, "cfg s=1 guided channels")
        assert_close(one[:, g:], cond[:, g:], 0.0, "cfg s=1 unguided channels")
        zero = ref.forward_with_cfg(P, x, t, y, 0.0, 2, guided_channels=g)
        assert_close(zero[:, :g], uncond[:, :g], 1e-12, "cfg s=0 gives uncond")
        s = 4.0
        four = ref.forward_with_cfg(P, x, t, y, s, 2, guided_channels=g)
        assert_close(four[:, :g], uncond[:, :g] + s * (cond[:, :g] - uncond[:, :g]), 1e-12,
                     "cfg s=4")
        assert_close(four[:, g:], cond[:, g:], 0.0, "cfg rest = cond half")
    assert np.abs(cond - uncond).max() > 1e-3, "null class has no effect"


# ----------------------------------------------------------------------------
# (f) safetensors
# ----------------------------------------------------------------------------

@check
def f_safetensors_roundtrip():
    rng = np.random.default_rng(5)
    base = rng.standard_normal((3, 5)) * 10
    tensors = {
        "f64": base, "f32": base.astype(np.float32), "f16": base.astype(np.float16),
        "bf16": base.astype(np.float32), "i64": np.arange(-6, 6).reshape(3, 4),
        "i32": np.arange(7, dtype=np.int32) - 3, "scalar": np.array(2.5, np.float32),
        "empty": np.zeros((0, 4), np.float32),
    }
    dtypes = {"f64": "F64", "f32": "F32", "f16": "F16", "bf16": "BF16", "i64": "I64",
              "i32": "I32", "scalar": "F32", "empty": "F32"}
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "a.safetensors")
        st.save_file(tensors, path, metadata={"format": "pt", "k": "v"}, dtypes=dtypes)
        with open(path, "rb") as f:
            raw = f.read()
        (hlen,) = struct.unpack("<Q", raw[:8])
        assert (8 + hlen) % 8 == 0, "data not 8-byte aligned"
        got, kinds, meta = st.load_file_with_info(path)
        assert meta == {"format": "pt", "k": "v"}
        assert kinds == dtypes
        for name, arr in tensors.items():
            want = st.round_to_bf16(arr) if name == "bf16" else arr
            assert got[name].shape == arr.shape, name
            assert np.array_equal(got[name], want), name
        assert got["f16"].dtype == np.float16 and got["bf16"].dtype == np.float32
        assert got["i64"].dtype == np.int64 and got["i32"].dtype == np.int32
        # bf16 error bound (round to nearest): unit roundoff 2^-8 (8-bit significand)
        b32 = tensors["bf16"].astype(np.float64)
        rel = np.abs(got["bf16"] - b32) / np.abs(b32)
        assert rel.max() <= 2.0 ** -8, rel.max()
        # write-all-floats-as-BF16 mode, and a bf16 round trip is idempotent
        st.save_file({"w": got["bf16"], "i": tensors["i64"]}, path, dtypes="BF16")
        g2, k2, _ = st.load_file_with_info(path)
        assert k2 == {"w": "BF16", "i": "I64"} and np.array_equal(g2["w"], got["bf16"])


@check
def f_bf16_rounding():
    one = 1.0
    vals = np.array([one, one + 2 ** -8, one + 3 * 2 ** -8, one + 2 ** -8 + 2 ** -20,
                     -2.0, 65504.0, np.inf, -np.inf, 3.4e38], dtype=np.float32)
    bits = st.to_bf16_bits(vals)
    want = [0x3F80,   # 1.0
            0x3F80,   # tie between 1 and 1+2^-7 -> even (1.0)
            0x3F82,   # tie between 1+2^-7 and 1+2^-6 -> even (1+2^-6)
            0x3F81,   # just above the tie -> up
            0xC000, 0x4780, 0x7F80, 0xFF80,
            0x7F80]   # 3.4e38 rounds up past the largest bf16 -> inf
    assert [int(b) for b in bits] == want, [hex(int(b)) for b in bits]
    nb = st.to_bf16_bits(np.array([np.nan], np.float32))
    assert np.isnan(st.from_bf16_bits(nb))[0]
    assert st.from_bf16_bits(np.array([0x3FC0], np.uint16))[0] == 1.5


@check
def f_safetensors_rejects_bad_files():
    with tempfile.TemporaryDirectory() as d:
        good = os.path.join(d, "good.safetensors")
        st.save_file({"a": np.arange(16, dtype=np.float32).reshape(4, 4),
                      "b": np.ones(3, np.int64)}, good)
        with open(good, "rb") as f:
            raw = f.read()

        def expect_error(data, words, label):
            p = os.path.join(d, label)
            with open(p, "wb") as f:
                f.write(data)
            try:
                st.load_file(p)
            except ValueError as e:
                assert any(w in str(e) for w in words), "%s: unclear message %r" % (label, e)
                return
            raise AssertionError("%s: no ValueError raised" % label)

        expect_error(raw[:-5], ["exceed"], "truncated_data")
        expect_error(raw[:4], ["too short"], "truncated_len")
        (hlen,) = struct.unpack("<Q", raw[:8])
        expect_error(raw[:8 + hlen // 2], ["header length"], "truncated_header")

        def with_header(h):
            hb = __import__("json").dumps(h).encode()
            return struct.pack("<Q", len(hb)) + hb + raw[8 + hlen:]
        data_len = len(raw) - 8 - hlen
        expect_error(with_header({"a": {"dtype": "F32", "shape": [4, 4],
                                        "data_offsets": [data_len, data_len + 64]}}),
                     ["exceed"], "offsets_past_end")
        expect_error(with_header({"a": {"dtype": "F32", "shape": [4, 5],
                                        "data_offsets": [0, 64]}}),
                     ["expected"], "size_mismatch")
        expect_error(with_header({"a": {"dtype": "Q7", "shape": [1],
                                        "data_offsets": [0, 1]}}),
                     ["dtype"], "bad_dtype")
        expect_error(with_header({"a": {"dtype": "F32", "shape": [4],
                                        "data_offsets": [0, 16]},
                                  "b": {"dtype": "F32", "shape": [4],
                                        "data_offsets": [8, 24]}}),
                     ["overlap"], "overlap")
        expect_error(struct.pack("<Q", 2 ** 40) + raw[8:], ["header length"], "huge_hlen")


# ----------------------------------------------------------------------------

def main():
    passed = failed = 0
    for fn in CHECKS:
        try:
            fn()
            passed += 1
            print("PASS", fn.__name__)
        except Exception:
            failed += 1
            print("FAIL", fn.__name__)
            traceback.print_exc()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Converts DiT checkpoints to the safetensors layout dit-run reads.

dit-run reads a safetensors file keyed by the reference implementation's
state-dict names (facebookresearch/DiT `models.py`): x_embedder.proj.*,
t_embedder.mlp.{0,2}.*, y_embedder.embedding_table.weight,
blocks.{i}.attn.qkv.*, blocks.{i}.attn.proj.*, blocks.{i}.mlp.fc{1,2}.*,
blocks.{i}.adaLN_modulation.1.*, final_layer.linear.*,
final_layer.adaLN_modulation.1.*.

Sources:
  --from=dit        an official DiT checkpoint (.pt, PyTorch; needs torch where
                    it runs) or any file already in this layout (.safetensors);
                    a nested {"ema": ...} or {"model": ...} dict is unwrapped;
                    the fixed pos_embed buffer is dropped (dit-run computes it).
  --from=diffusers  a diffusers DiTTransformer2DModel state dict (.safetensors
                    or .bin): separate to_q/to_k/to_v projections are
                    concatenated into qkv, the per-block copies of the
                    timestep/label embedders are taken from block 0 (and
                    checked to be identical), and the final layer's
                    proj_out_1/proj_out_2 become final_layer.*.
Tensors keep their dtype (F32, F16 or BF16) unless --dtype is given.

Usage: convert_checkpoint.py IN OUT.safetensors [--from=dit|diffusers]
           [--dtype=f32|f16|bf16]
Needs numpy; PyTorch only for .pt/.bin inputs.
"""

import argparse
import json
import re
import struct
import sys

import numpy as np

# safetensors dtype names <-> numpy storage types (bf16 is kept as raw
# uint16 bits and converted explicitly).
DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16,
          "BF16": np.uint16, "I64": np.int64, "I32": np.int32}


class Tensor:
    """A tensor as stored: a numpy array plus its safetensors dtype name."""

    def __init__(self, array, dtype):
        self.array, self.dtype = array, dtype

    def to(self, dtype):
        """Converts to F32, F16 or BF16 (round to nearest even)."""
        if dtype == self.dtype:
            return self
        values = self.as_float32()
        if dtype == "F32":
            return Tensor(values, "F32")
        if dtype == "F16":
            return Tensor(values.astype(np.float16), "F16")
        bits = values.view(np.uint32).astype(np.uint64)
        rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
        nan = np.isnan(values)
        rounded[nan] = (bits[nan] >> 16) | 0x40
        return Tensor(rounded.astype(np.uint16), "BF16")

    def as_float32(self):
        if self.dtype == "BF16":
            return (self.array.astype(np.uint32) << 16).view(np.float32)
        return self.array.astype(np.float32)


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    if len(blob) < 8:
        raise ValueError("%s: truncated safetensors file" % path)
    (length,) = struct.unpack("<Q", blob[:8])
    if length > len(blob) - 8:
        raise ValueError("%s: header length exceeds the file" % path)
    header = json.loads(blob[8:8 + length])
    data = blob[8 + length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = entry["dtype"]
        if dtype not in DTYPES:
            raise ValueError("%s: unsupported dtype %s of %s" %
                             (path, dtype, name))
        begin, end = entry["data_offsets"]
        if not 0 <= begin <= end <= len(data):
            raise ValueError("%s: offsets of %s outside the file" %
                             (path, name))
        array = np.frombuffer(data[begin:end], dtype=DTYPES[dtype])
        tensors[name] = Tensor(array.reshape(entry["shape"]), dtype)
    return tensors


def write_safetensors(path, tensors):
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        raw = np.ascontiguousarray(tensor.array,
                                   dtype=DTYPES[tensor.dtype]).tobytes()
        header[name] = {"dtype": tensor.dtype,
                        "shape": list(tensor.array.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header).encode()
    text += b" " * ((8 - (len(text) + 8) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def read_torch(path):
    """Loads a PyTorch checkpoint (needs torch) into Tensors."""
    try:
        import torch
    except ImportError:
        sys.exit("error: reading %s needs PyTorch (pip install torch), or "
                 "convert it where PyTorch is installed" % path)
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many kinds on bad files
        sys.exit("error: %s: cannot read PyTorch checkpoint: %s" %
                 (path, error))
    for key in ("ema", "model", "state_dict"):
        if isinstance(state, dict) and key in state and \
                isinstance(state[key], dict):
            state = state[key]
    tensors = {}
    for name, value in state.items():
        if value.dtype == torch.bfloat16:
            bits = value.contiguous().view(torch.int16).numpy().view(np.uint16)
            tensors[name] = Tensor(bits, "BF16")
        else:
            array = value.contiguous().numpy()
            dtype = {np.dtype(np.float32): "F32", np.dtype(np.float16): "F16",
                     np.dtype(np.float64): "F64"}.get(array.dtype)
            if dtype is None:
                sys.exit("error: %s: tensor %s has unsupported dtype %s" %
                         (path, name, array.dtype))
            tensors[name] = Tensor(array, dtype)
    return tensors


def load(path):
    if path.endswith(".safetensors"):
        return read_safetensors(path)
    return read_torch(path)


def from_dit(tensors):
    """The reference layout already: drop the fixed pos_embed buffer."""
    return {k: v for k, v in tensors.items() if k != "pos_embed"}


def from_diffusers(tensors):
    """Maps diffusers DiTTransformer2DModel names to the reference names."""
    out = {}

    def take(src, dst):
        if src not in tensors:
            raise KeyError("missing diffusers tensor '%s'" % src)
        out[dst] = tensors[src]

    take("pos_embed.proj.weight", "x_embedder.proj.weight")
    take("pos_embed.proj.bias", "x_embedder.proj.bias")
    emb = "transformer_blocks.0.norm1.emb."
    for i, j in (("1", "0"), ("2", "2")):
        for kind in ("weight", "bias"):
            take(emb + "timestep_embedder.linear_%s.%s" % (i, kind),
                 "t_embedder.mlp.%s.%s" % (j, kind))
    take(emb + "class_embedder.embedding_table.weight",
         "y_embedder.embedding_table.weight")
    blocks = sorted({int(m.group(1)) for name in tensors
                     for m in [re.match(r"transformer_blocks\.(\d+)\.", name)]
                     if m})
    for i in blocks:
        src, dst = "transformer_blocks.%d." % i, "blocks.%d." % i
        # Every block carries a copy of the embedders: check they agree.
        for name in [n for n in tensors if n.startswith(src + "norm1.emb.")]:
            first = tensors[emb + name[len(src + "norm1.emb."):]]
            if not np.array_equal(tensors[name].array, first.array):
                raise ValueError("%s differs from block 0's copy" % name)
        for kind in ("weight", "bias"):
            parts = [tensors[src + "attn1.to_%s.%s" % (p, kind)]
                     for p in ("q", "k", "v")]
            out[dst + "attn.qkv." + kind] = Tensor(
                np.concatenate([p.array for p in parts], axis=0),
                parts[0].dtype)
            take(src + "attn1.to_out.0." + kind, dst + "attn.proj." + kind)
            take(src + "ff.net.0.proj." + kind, dst + "mlp.fc1." + kind)
            take(src + "ff.net.2." + kind, dst + "mlp.fc2." + kind)
            take(src + "norm1.linear." + kind,
                 dst + "adaLN_modulation.1." + kind)
    for kind in ("weight", "bias"):
        take("proj_out_1." + kind, "final_layer.adaLN_modulation.1." + kind)
        take("proj_out_2." + kind, "final_layer.linear." + kind)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--from", dest="source", choices=["dit", "diffusers"],
                    default="dit")
    ap.add_argument("--dtype", choices=["f32", "f16", "bf16"])
    args = ap.parse_args(argv)
    try:
        tensors = load(args.input)
        converted = (from_dit if args.source == "dit" else from_diffusers)(
            tensors)
    except (KeyError, ValueError, OSError) as error:
        sys.exit("error: %s: %s" % (args.input, error.args[0]))
    if args.dtype:
        converted = {k: v.to(args.dtype.upper()) for k, v in converted.items()}
    write_safetensors(args.output, converted)
    print("wrote %d tensors to %s" % (len(converted), args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())

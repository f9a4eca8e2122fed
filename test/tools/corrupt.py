#!/usr/bin/env python3
"""Writes damaged variants of safetensors and .npy files for dit-run's tests.

  corrupt.py drop IN OUT NAME          safetensors without tensor NAME
  corrupt.py extra IN OUT NAME         safetensors with an extra tensor NAME
  corrupt.py reshape IN OUT NAME       NAME stored with its dimensions reversed
  corrupt.py retype IN OUT NAME DTYPE  NAME stored as DTYPE (I32, F64, ...)
  corrupt.py truncate IN OUT BYTES     the first BYTES bytes of IN
  corrupt.py header-length IN OUT      a header length beyond the file
  corrupt.py bad-json IN OUT           a header that is not JSON
  corrupt.py offsets IN OUT            data_offsets beyond the data
  corrupt.py duplicate IN OUT          the first tensor's entry twice
  corrupt.py npy OUT KIND              a small .npy of KIND: big-endian,
                                       fortran, float-labels, huge-timesteps, int-latent,
                                       label-out-of-range, shape-2x2, bad-magic
"""

import json
import os
import struct
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "reference"))
import safetensors_io  # noqa: E402


def read_raw(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    return json.loads(blob[8:8 + n]), blob[8 + n:]


def write_raw(path, header, data):
    text = json.dumps(header).encode()
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def main(argv):
    op = argv[1]
    if op == "npy":
        out, kind = argv[2], argv[3]
        if kind == "big-endian":
            np.save(out, np.ones((2,), dtype=">f4"))
        elif kind == "fortran":
            np.save(out, np.asfortranarray(np.ones((2, 3), dtype=np.float32)))
        elif kind == "float-labels":
            np.save(out, np.array([1.5, 2.0]))
        elif kind == "huge-timesteps":
            np.save(out, np.array([2 ** 24 + 1, 3], dtype=np.int64))
        elif kind == "label-out-of-range":
            np.save(out, np.array([3, 11], dtype=np.int64))
        elif kind == "int-latent":
            np.save(out, np.ones((2, 4, 4, 4), dtype=np.int64))
        elif kind == "shape-2x2":
            np.save(out, np.ones((2, 2), dtype=np.float32))
        elif kind == "bad-magic":
            with open(out, "wb") as f:
                f.write(b"NOTNUMPY" + bytes(40))
        return 0
    src, out = argv[2], argv[3]
    if op == "truncate":
        with open(src, "rb") as f:
            blob = f.read()
        with open(out, "wb") as f:
            f.write(blob[:int(argv[4])])
        return 0
    if op in ("drop", "extra", "reshape", "retype"):
        tensors = safetensors_io.load_file(src)
        name = argv[4]
        if op == "drop":
            del tensors[name]
        elif op == "extra":
            tensors[name] = np.zeros((3,), dtype=np.float32)
        elif op == "reshape":
            tensors[name] = np.ascontiguousarray(tensors[name].reshape(
                tuple(reversed(tensors[name].shape))))
        elif op == "retype":
            dtype = {"I32": np.int32, "F64": np.float64}[argv[5]]
            tensors[name] = tensors[name].astype(dtype)
        safetensors_io.save_file(tensors, out)
        return 0
    header, data = read_raw(src)
    if op == "header-length":
        with open(out, "wb") as f:
            f.write(struct.pack("<Q", 1 << 40) + json.dumps(header).encode()
                    + data)
    elif op == "bad-json":
        with open(out, "wb") as f:
            f.write(struct.pack("<Q", 5) + b"{nope" + data)
    elif op == "duplicate":
        first = next(k for k in header if k != "__metadata__")
        text = json.dumps(header)
        entry = json.dumps({first: header[first]})[1:-1]
        text = "{" + entry + ", " + text[1:]
        with open(out, "wb") as f:
            f.write(struct.pack("<Q", len(text)) + text.encode() + data)
    elif op == "offsets":
        first = next(k for k in header if k != "__metadata__")
        begin, end = header[first]["data_offsets"]
        header[first]["data_offsets"] = [begin + len(data), end + len(data)]
        write_raw(out, header, data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

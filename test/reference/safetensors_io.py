#!/usr/bin/python3
"""Read and write the safetensors format with numpy only.

Layout (https://github.com/huggingface/safetensors):
    8 bytes   little-endian uint64 N = header length
    N bytes   UTF-8 JSON object:
                {name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
                 "__metadata__": {str: str}}          (metadata optional)
              (writers pad the header with spaces to a multiple of 8 bytes)
    rest      raw little-endian tensor data; offsets are relative to its start.

BF16 has no numpy dtype: it is stored as the upper 16 bits of an IEEE float32.
Writing rounds float32 -> bf16 to nearest, ties to even; reading shifts the 16 bits
into the top of a float32, so BF16 tensors come back as float32 arrays.

API:
    save_file(tensors, path, metadata=None, dtypes=None)
    load_file(path) -> {name: array}
    load_file_with_info(path) -> ({name: array}, {name: dtype string}, metadata)
    to_bf16_bits / from_bf16_bits / round_to_bf16   (helpers)
"""

import json
import struct

import numpy as np

# safetensors dtype string -> little-endian numpy dtype (BF16 handled separately).
DTYPES = {
    "F64": np.dtype("<f8"),
    "F32": np.dtype("<f4"),
    "F16": np.dtype("<f2"),
    "BF16": np.dtype("<u2"),
    "I64": np.dtype("<i8"),
    "I32": np.dtype("<i4"),
    "I16": np.dtype("<i2"),
    "I8": np.dtype("i1"),
    "U8": np.dtype("u1"),
    "BOOL": np.dtype("?"),
}

# numpy dtype -> default safetensors dtype string when writing.
_DEFAULT_NAMES = {
    np.dtype("float64"): "F64", np.dtype("float32"): "F32", np.dtype("float16"): "F16",
    np.dtype("int64"): "I64", np.dtype("int32"): "I32", np.dtype("int16"): "I16",
    np.dtype("int8"): "I8", np.dtype("uint8"): "U8", np.dtype("bool"): "BOOL",
}


# ----------------------------------------------------------------------------
# bfloat16 helpers
# ----------------------------------------------------------------------------

def to_bf16_bits(a):
    """float array -> uint16 bf16 bit patterns, round to nearest, ties to even.

    NaNs map to a quiet NaN with the same sign; overflow rounds to +-inf, as RNE should.
    """
    f = np.ascontiguousarray(a, dtype=np.float32)
    u = f.view(np.uint32).astype(np.uint64)
    lsb = (u >> 16) & 1
    rounded = ((u + 0x7FFF + lsb) >> 16).astype(np.uint16)
    nan = np.isnan(f)
    if nan.any():
        sign = ((u >> 16) & 0x8000).astype(np.uint16)
        rounded = np.where(nan, sign | np.uint16(0x7FC0), rounded)
    return rounded.astype(np.uint16)


def from_bf16_bits(bits):
    """uint16 bf16 bit patterns -> float32 (exact)."""
    b = np.asarray(bits, dtype=np.uint16)
    return (b.astype(np.uint32) << 16).view(np.float32)


def round_to_bf16(a):
    """Round a float array to the nearest bf16 value, returned as float32."""
    return from_bf16_bits(to_bf16_bits(a))


# ----------------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------------

def _encode(arr, dtype_name):
    """numpy array -> (bytes, shape) in the requested safetensors dtype."""
    if dtype_name not in DTYPES:
        raise ValueError("unsupported safetensors dtype %r" % dtype_name)
    arr = np.asarray(arr)
    if dtype_name == "BF16":
        data = to_bf16_bits(arr)
    else:
        data = np.ascontiguousarray(arr, dtype=DTYPES[dtype_name])
    return data.tobytes(order="C"), list(arr.shape)


def save_file(tensors, path, metadata=None, dtypes=None):
    """Write {name: array} to `path` as safetensors.

    dtypes: None (float64->F64, float32->F32, float16->F16, ints as themselves),
            a string applied to every floating tensor (e.g. "BF16"), or a dict
            name -> dtype string overriding per tensor.
    metadata: optional {str: str}, stored under "__metadata__".
    """
    header = {}
    if metadata:
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
            raise ValueError("metadata must map str to str")
        header["__metadata__"] = dict(metadata)
    chunks, offset = [], 0
    for name in sorted(tensors):
        if name == "__metadata__":
            raise ValueError("tensor name __metadata__ is reserved")
        arr = np.asarray(tensors[name])
        if isinstance(dtypes, dict) and name in dtypes:
            dname = dtypes[name]
        elif isinstance(dtypes, str) and np.issubdtype(arr.dtype, np.floating):
            dname = dtypes
        else:
            if arr.dtype not in _DEFAULT_NAMES:
                raise ValueError("tensor %s: no safetensors dtype for numpy %s" % (name, arr.dtype))
            dname = _DEFAULT_NAMES[arr.dtype]
        data, shape = _encode(arr, dname)
        header[name] = {"dtype": dname, "shape": shape,
                        "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    hbytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hbytes += b" " * ((-len(hbytes)) % 8)      # pad so the data starts 8-byte aligned
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hbytes)))
        f.write(hbytes)
        for c in chunks:
            f.write(c)


# ----------------------------------------------------------------------------
# Reading
# ----------------------------------------------------------------------------

def _parse(buf):
    """Validate and parse a safetensors byte buffer -> (header dict, data memoryview)."""
    if len(buf) < 8:
        raise ValueError("safetensors: file too short (%d bytes) for the 8-byte header length"
                         % len(buf))
    (hlen,) = struct.unpack("<Q", bytes(buf[:8]))
    if hlen > len(buf) - 8:
        raise ValueError("safetensors: header length %d exceeds file size %d - 8"
                         % (hlen, len(buf)))
    try:
        header = json.loads(bytes(buf[8:8 + hlen]).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise ValueError("safetensors: header is not valid UTF-8 JSON: %s" % e)
    if not isinstance(header, dict):
        raise ValueError("safetensors: header is not a JSON object")
    meta = header.pop("__metadata__", None)
    if meta is not None and not (isinstance(meta, dict) and
                                 all(isinstance(k, str) and isinstance(v, str)
                                     for k, v in meta.items())):
        raise ValueError("safetensors: __metadata__ must map str to str")
    data = memoryview(buf)[8 + hlen:]
    spans = []
    for name, info in header.items():
        if not isinstance(info, dict) or set(info) != {"dtype", "shape", "data_offsets"}:
            raise ValueError("safetensors: tensor %r: entry must have exactly dtype, shape, "
                             "data_offsets" % name)
        dname, shape, offs = info["dtype"], info["shape"], info["data_offsets"]
        if dname not in DTYPES:
            raise ValueError("safetensors: tensor %r: unsupported dtype %r" % (name, dname))
        if not (isinstance(shape, list) and all(isinstance(d, int) and d >= 0 for d in shape)):
            raise ValueError("safetensors: tensor %r: bad shape %r" % (name, shape))
        if not (isinstance(offs, list) and len(offs) == 2 and
                all(isinstance(o, int) for o in offs)):
            raise ValueError("safetensors: tensor %r: bad data_offsets %r" % (name, offs))
        begin, end = offs
        if not 0 <= begin <= end:
            raise ValueError("safetensors: tensor %r: data_offsets %r are not ordered"
                             % (name, offs))
        if end > len(data):
            raise ValueError("safetensors: tensor %r: data_offsets %r exceed the data size %d "
                             "(file truncated or header corrupt)" % (name, offs, len(data)))
        expect = int(np.prod(shape, dtype=np.int64)) * DTYPES[dname].itemsize
        if end - begin != expect:
            raise ValueError("safetensors: tensor %r: %d bytes for shape %s %s, expected %d"
                             % (name, end - begin, shape, dname, expect))
        spans.append((begin, end, name))
    spans.sort()
    for (b0, e0, n0), (b1, e1, n1) in zip(spans, spans[1:]):
        if b1 < e0:
            raise ValueError("safetensors: tensors %r and %r overlap" % (n0, n1))
    return header, data, meta


def load_file_with_info(path):
    """Read `path` -> ({name: array}, {name: dtype string}, metadata or None).

    BF16 tensors are returned as float32; other dtypes as their numpy equivalents
    (native byte order).  Raises ValueError on any malformed file.
    """
    with open(path, "rb") as f:
        buf = f.read()
    header, data, meta = _parse(buf)
    tensors, kinds = {}, {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        dname = info["dtype"]
        raw = np.frombuffer(data[begin:end], dtype=DTYPES[dname]).reshape(info["shape"])
        if dname == "BF16":
            arr = from_bf16_bits(raw)
        else:
            arr = raw.astype(DTYPES[dname].newbyteorder("="))   # copy, native order
        tensors[name] = arr
        kinds[name] = dname
    return tensors, kinds, meta


def load_file(path):
    """Read `path` -> {name: array} (BF16 as float32)."""
    return load_file_with_info(path)[0]


if __name__ == "__main__":
    import sys
    for p in sys.argv[1:]:
        ts, ks, md = load_file_with_info(p)
        print(p, "metadata:", md)
        for n in sorted(ts):
            print("  %-45s %-5s %s" % (n, ks[n], list(ts[n].shape)))

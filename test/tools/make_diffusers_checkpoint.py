#!/usr/bin/env python3
"""Writes a diffusers-named DiT checkpoint from a reference-named one.

Used to test tools/convert_checkpoint.py --from=diffusers without network
access: the mapping here is written from diffusers' DiTTransformer2DModel
parameter names (separate to_q/to_k/to_v, embedders copied into every
block's AdaLayerNormZero, proj_out_1/proj_out_2 for the final layer).
Usage: make_diffusers_checkpoint.py IN.safetensors OUT.safetensors
"""

import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "reference"))
import safetensors_io  # noqa: E402


def main(src, dst):
    ours = safetensors_io.load_file(src)
    depth = 1 + max(int(m.group(1)) for n in ours
                    for m in [re.match(r"blocks\.(\d+)\.", n)] if m)
    out = {"pos_embed.proj.weight": ours["x_embedder.proj.weight"],
           "pos_embed.proj.bias": ours["x_embedder.proj.bias"],
           "proj_out_1.weight": ours["final_layer.adaLN_modulation.1.weight"],
           "proj_out_1.bias": ours["final_layer.adaLN_modulation.1.bias"],
           "proj_out_2.weight": ours["final_layer.linear.weight"],
           "proj_out_2.bias": ours["final_layer.linear.bias"]}
    for i in range(depth):
        b, d = "blocks.%d." % i, "transformer_blocks.%d." % i
        for kind in ("weight", "bias"):
            q, k, v = np.split(ours[b + "attn.qkv." + kind], 3, axis=0)
            out[d + "attn1.to_q." + kind] = q
            out[d + "attn1.to_k." + kind] = k
            out[d + "attn1.to_v." + kind] = v
            out[d + "attn1.to_out.0." + kind] = ours[b + "attn.proj." + kind]
            out[d + "ff.net.0.proj." + kind] = ours[b + "mlp.fc1." + kind]
            out[d + "ff.net.2." + kind] = ours[b + "mlp.fc2." + kind]
            out[d + "norm1.linear." + kind] = \
                ours[b + "adaLN_modulation.1." + kind]
            out[d + "norm1.emb.timestep_embedder.linear_1." + kind] = \
                ours["t_embedder.mlp.0." + kind]
            out[d + "norm1.emb.timestep_embedder.linear_2." + kind] = \
                ours["t_embedder.mlp.2." + kind]
        out[d + "norm1.emb.class_embedder.embedding_table.weight"] = \
            ours["y_embedder.embedding_table.weight"]
    safetensors_io.save_file({k: np.ascontiguousarray(v)
                              for k, v in out.items()}, dst)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

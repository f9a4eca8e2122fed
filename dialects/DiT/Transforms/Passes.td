//===- Passes.td - dit-level fusion passes -----------------*- tablegen -*-===//
//
// Passes that stay inside the dit dialect: fusions that turn the eager model
// into fewer, larger kernels.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_DIALECT_DIT_TRANSFORMS_PASSES
#define DIT_DIALECT_DIT_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def DiTFuseLayerNormModulate : Pass<"dit-fuse-layernorm-modulate"> {
  let summary = "Fuse layer norm + adaLN modulate into dit.layer_norm_modulate";
  let description = [{
    Rewrites `dit.modulate(dit.layer_norm(x), shift, scale)`, where the norm
    has no affine parameters and no other user, into one
    `dit.layer_norm_modulate`: the normalized tensor is never written.
  }];
  let dependentDialects = ["::dit::DiTDialect"];
}

def DiTFuseAttention : Pass<"dit-fuse-attention"> {
  let summary = "Fuse q k^T, scale, softmax and attn v into dit.attention";
  let description = [{
    Rewrites the eager attention core `batch_matmul(softmax(scale(
    batch_matmul(q, k {transpose_rhs}))), v)`, each intermediate with a single
    user, into one `dit.attention` (FlashAttention-style: the T x T scores
    never reach memory).
  }];
  let dependentDialects = ["::dit::DiTDialect"];
}

def DiTFuseLinearEpilogues : Pass<"dit-fuse-linear-epilogues"> {
  let summary = "Fuse bias + GELU and bias + gated residual into the linears";
  let description = [{
    Rewrites `dit.gelu tanh (dit.linear x, w, b)` into `dit.linear_gelu` (the
    MLP's fc1) and `dit.gated_residual r, g, (dit.linear x, w, b)` into
    `dit.linear_gated_residual` (attention proj, MLP fc2), when the linear has
    a bias and no other user.
  }];
  let dependentDialects = ["::dit::DiTDialect"];
}

def DiTFuseAdaLN : Pass<"dit-fuse-adaln"> {
  let summary = "Merge the adaLN linears that read the same SiLU(c) into one GEMM";
  let description = [{
    Every block's (and the final layer's) adaLN computes
    `linear(silu(c), W_i, b_i)` on the same conditioning c. All such linears
    of a function whose SiLU reads the same value c become one SiLU and one
    linear for the whole network, whose weights and biases are concatenated
    inside the IR (`tensor.concat`, counted: a kernel that copies the
    weights); each original result becomes a `tensor.extract_slice` (a view)
    of the wide output. A group is left alone when its linears are in
    different blocks or a weight or bias is defined after the first linear.
  }];
  let dependentDialects = ["::dit::DiTDialect", "::mlir::tensor::TensorDialect"];
}

def DiTFusePatchEmbed : Pass<"dit-fuse-patch-embed"> {
  let summary = "Fuse the positional-embedding add into the patch embedding";
  let description = [{
    Rewrites `dit.add(dit.patch_embed(x), dit.pos_embed)` into
    `dit.patch_embed {add_pos_embed}` when the table's grid is the patch
    grid and the patch embedding has no other user.
  }];
  let dependentDialects = ["::dit::DiTDialect"];
}

#endif // DIT_DIALECT_DIT_TRANSFORMS_PASSES

//===- DiTOps.td - dit dialect operations ------------------*- tablegen -*-===//
//
// Operations of the dit dialect. Shapes are static; each op verifies every
// relation between its operand, result and attribute shapes, and reports its
// cost through CostOpInterface (implemented in DiTCost.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef DIT_DIALECT_DIT_IR_DITOPS
#define DIT_DIALECT_DIT_IR_DITOPS

include "dialects/DiT/IR/DiTDialect.td"
include "dit/Interfaces/CostOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def DiT_FloatTensor : StaticShapeTensorOf<[F32, F16, BF16]>;
def DiT_TimestepTensor : StaticShapeTensorOf<[F32]>;
def DiT_LabelTensor : StaticShapeTensorOf<[I64]>;
def DiT_ScalarF32Tensor : 0DTensorOf<[F32]>;

class DiT_Op<string mnemonic, list<Trait> traits = []>
    : Op<DiT_Dialect, mnemonic,
         !listconcat(traits, [Pure,
                              DeclareOpInterfaceMethods<DiT_CostOpInterface>])>;

//===----------------------------------------------------------------------===//
// Embeddings
//===----------------------------------------------------------------------===//

def DiT_PatchEmbedOp : DiT_Op<"patch_embed",
    [AllElementTypesMatch<["input", "weight", "bias", "result"]>]> {
  let summary = "patch embedding: a p x p convolution with stride p, flattened";
  let description = [{
    Embeds non-overlapping `p x p` patches of the latent: a `Conv2d(C -> D,
    kernel = stride = p)` with bias, whose output is flattened to tokens in
    row-major order (token = row * (W / p) + col).

    - `input`: `[N, C, H, W]`; `weight`: `[D, C, p, p]` (PyTorch layout);
      `bias`: `[D]`; result: `[N, (H / p) * (W / p), D]`.
    - With `add_pos_embed` (set by `dit-fuse-patch-embed`), the fixed 2D
      sin-cos positional embedding of the (H / p) x (W / p) grid is added in
      the same kernel (D must then be divisible by 4).

    ```mlir
    %tokens = dit.patch_embed %x, %w, %b
        : (tensor<1x4x32x32xf32>, tensor<1152x4x2x2xf32>, tensor<1152xf32>)
        -> tensor<1x256x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, DiT_FloatTensor:$weight,
                       DiT_FloatTensor:$bias, UnitAttr:$add_pos_embed);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The patch size p (the convolution's kernel size and stride).
    int64_t getPatchSize() { return getWeight().getType().getDimSize(2); }
  }];
}

def DiT_PosEmbedOp : DiT_Op<"pos_embed"> {
  let summary = "fixed 2D sin-cos positional embedding";
  let description = [{
    Produces the fixed (not learned) positional embedding `[T, D]` of a
    `grid_height x grid_width` token grid (T = grid_height * grid_width,
    D divisible by 4), following the MAE recipe: channels `[0, D/2)` encode the
    token's column, `[D/2, D)` its row; each half is `sin(pos * w_k)` for
    `k < D/4` followed by `cos(pos * w_k)`, with `w_k = 10000^(-k / (D/4))`.
    It is a constant of the shape: it costs nothing and reads nothing.

    ```mlir
    %pos = dit.pos_embed grid [16, 16] : tensor<256x1152xf32>
    ```
  }];
  let arguments = (ins ConfinedAttr<I64Attr, [IntPositive]>:$grid_height,
                       ConfinedAttr<I64Attr, [IntPositive]>:$grid_width);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    `grid` ` ` `[` $grid_height `,` $grid_width `]` attr-dict `:` type($result)
  }];
  let hasVerifier = 1;
}

def DiT_TimestepSinusoidOp : DiT_Op<"timestep_sinusoid"> {
  let summary = "sinusoidal timestep features";
  let description = [{
    Maps timesteps `t: [N]` (f32) to `[N, dim]` features in the model's
    dtype: with `half = dim / 2` frequencies
    `f_i = exp(-ln(max_period) * i / half)`, the features are
    `[cos(t * f_i) for i < half, sin(t * f_i) for i < half]` (cos first).

    ```mlir
    %f = dit.timestep_sinusoid %t : tensor<1xf32> -> tensor<1x256xf32>
    ```
  }];
  let arguments = (ins DiT_TimestepTensor:$timesteps,
                       DefaultValuedAttr<F64Attr, "10000.0">:$max_period);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $timesteps attr-dict `:` type($timesteps) `->` type($result)
  }];
  let hasVerifier = 1;
}

def DiT_LabelEmbedOp : DiT_Op<"label_embed",
    [AllElementTypesMatch<["table", "result"]>]> {
  let summary = "class-label embedding lookup, with the null class";
  let description = [{
    Gathers rows of the embedding table `[num_classes + 1, D]` for labels
    `[N]` (i64). Row `num_classes` is the "null" class used for
    classifier-free guidance. Labels outside `[0, num_classes]` have
    undefined results.

    ```mlir
    %e = dit.label_embed %y, %table {num_classes = 1000}
        : (tensor<1xi64>, tensor<1001x1152xf32>) -> tensor<1x1152xf32>
    ```
  }];
  let arguments = (ins DiT_LabelTensor:$labels, DiT_FloatTensor:$table,
                       ConfinedAttr<I64Attr, [IntPositive]>:$num_classes);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $labels `,` $table attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def DiT_LinearOp : DiT_Op<"linear"> {
  let summary = "fully connected layer y = x W^T + b";
  let description = [{
    PyTorch's `nn.Linear` over the last dimension: `input: [..., in]`,
    `weight: [out, in]`, optional `bias: [out]`, result `[..., out]`.

    ```mlir
    %y = dit.linear %x, %w, %b
        : (tensor<1x256x1152xf32>, tensor<3456x1152xf32>, tensor<3456xf32>)
        -> tensor<1x256x3456xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, DiT_FloatTensor:$weight,
                       Optional<DiT_FloatTensor>:$bias);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def DiT_BatchMatmulOp : DiT_Op<"batch_matmul",
    [AllElementTypesMatch<["lhs", "rhs", "result"]>]> {
  let summary = "batched matrix product, optionally with the rhs transposed";
  let description = [{
    `lhs: [B..., M, K]` times `rhs: [B..., K, N]` gives `[B..., M, N]`; with
    `transpose_rhs`, `rhs` is `[B..., N, K]` (as in `q k^T`). The batch
    dimensions of both operands and the result are equal.

    ```mlir
    %s = dit.batch_matmul %q, %k {transpose_rhs}
        : (tensor<1x16x256x72xf32>, tensor<1x16x256x72xf32>)
        -> tensor<1x16x256x256xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$lhs, DiT_FloatTensor:$rhs,
                       UnitAttr:$transpose_rhs);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Normalization, activations and elementwise ops
//===----------------------------------------------------------------------===//

def DiT_LayerNormOp : DiT_Op<"layer_norm", [AttrSizedOperandSegments]> {
  let summary = "layer normalization over the last dimension";
  let description = [{
    `(x - mean) / sqrt(var + epsilon)` over the last dimension (biased
    variance), optionally followed by the affine `* weight + bias` (both or
    neither, each `[D]`). DiT's norms have no affine parameters and
    `epsilon = 1e-6`.

    ```mlir
    %n = dit.layer_norm %x {epsilon = 1.0e-06 : f64} : (tensor<1x256x1152xf32>) -> tensor<1x256x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input,
                       Optional<DiT_FloatTensor>:$weight,
                       Optional<DiT_FloatTensor>:$bias,
                       DefaultValuedAttr<F64Attr, "1.0e-6">:$epsilon);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input (`,` $weight^ `,` $bias)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def DiT_ModulateOp : DiT_Op<"modulate",
    [AllTypesMatch<["input", "result"]>, AllTypesMatch<["shift", "scale"]>,
     AllElementTypesMatch<["input", "shift"]>]> {
  let summary = "adaLN modulation x * (1 + scale) + shift";
  let description = [{
    Modulates `input: [N, ..., D]` with per-sample `shift` and `scale`
    (`[N, D]`, broadcast over the middle dimensions).

    ```mlir
    %m = dit.modulate %x, %shift, %scale : tensor<1x256x1152xf32>, tensor<1x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, DiT_FloatTensor:$shift,
                       DiT_FloatTensor:$scale);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $shift `,` $scale attr-dict `:` type($input) `,` type($shift)
  }];
  let hasVerifier = 1;
}

def DiT_GatedResidualOp : DiT_Op<"gated_residual",
    [AllTypesMatch<["input", "update", "result"]>,
     AllElementTypesMatch<["input", "gate"]>]> {
  let summary = "gated residual x + gate * y";
  let description = [{
    Adds `update` to the residual stream `input` (both `[N, ..., D]`),
    scaled by the per-sample `gate: [N, D]`.

    ```mlir
    %r = dit.gated_residual %x, %gate, %y : tensor<1x256x1152xf32>, tensor<1x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, DiT_FloatTensor:$gate,
                       DiT_FloatTensor:$update);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $gate `,` $update attr-dict `:` type($input) `,` type($gate)
  }];
  let hasVerifier = 1;
}

def DiT_AddOp : DiT_Op<"add", [AllTypesMatch<["lhs", "result"]>,
                               AllElementTypesMatch<["lhs", "rhs"]>]> {
  let summary = "elementwise add, broadcasting rhs over leading dimensions";
  let description = [{
    `lhs + rhs` where the shape of `rhs` is a suffix of the shape of `lhs`
    (the positional-embedding add `[N, T, D] + [T, D]`, or `t_emb + y_emb`).

    ```mlir
    %s = dit.add %x, %pos : tensor<1x256x1152xf32>, tensor<256x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$lhs, DiT_FloatTensor:$rhs);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs)
  }];
  let hasVerifier = 1;
}

def DiT_ScaleOp : DiT_Op<"scale", [SameOperandsAndResultType]> {
  let summary = "multiplication by a constant factor";
  let description = [{
    Multiplies every element by `factor` (the attention scale
    `1 / sqrt(head_dim)`).

    ```mlir
    %s = dit.scale %scores, 0.125 : tensor<1x16x256x256xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, F64Attr:$factor);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = "$input `,` $factor attr-dict `:` type($input)";
}

def DiT_SoftmaxOp : DiT_Op<"softmax", [SameOperandsAndResultType]> {
  let summary = "softmax over the last dimension";
  let description = [{
    `exp(x - max) / sum(exp(x - max))` along the last dimension.

    ```mlir
    %p = dit.softmax %s : tensor<1x16x256x256xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def DiT_GeluOp : DiT_Op<"gelu", [SameOperandsAndResultType]> {
  let summary = "GELU activation, exact or tanh approximation";
  let description = [{
    `tanh`: `0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))` (DiT's MLP);
    `none`: `0.5 x (1 + erf(x / sqrt(2)))`.

    ```mlir
    %g = dit.gelu tanh %h : tensor<1x256x4608xf32>
    ```
  }];
  let arguments = (ins DiT_GeluApproximation:$approximation,
                       DiT_FloatTensor:$input);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = "$approximation $input attr-dict `:` type($input)";
}

def DiT_SiluOp : DiT_Op<"silu", [SameOperandsAndResultType]> {
  let summary = "SiLU activation x / (1 + exp(-x))";
  let description = [{
    ```mlir
    %s = dit.silu %c : tensor<1x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def DiT_ChunkOp : DiT_Op<"chunk"> {
  let summary = "split the last dimension into equal chunks (a view)";
  let description = [{
    Splits `[..., K * C]` into K results `[..., C]`, in order (the adaLN
    output into shift, scale, gate, ...). A view: it moves no data.

    ```mlir
    %shift, %scale = dit.chunk %mod : tensor<1x2304xf32> -> tensor<1x1152xf32>, tensor<1x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input);
  let results = (outs Variadic<DiT_FloatTensor>:$results);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($results)";
  let hasVerifier = 1;
}

def DiT_SplitHeadsOp : DiT_Op<"split_heads",
    [AllTypesMatch<["q", "k", "v"]>, AllElementTypesMatch<["qkv", "q"]>]> {
  let summary = "split fused qkv projections into per-head q, k, v";
  let description = [{
    Reinterprets `qkv: [N, T, 3 * D]`, whose features are laid out as
    `[3 (q, k, v), heads, head_dim]`, and permutes it into q, k and v of
    shape `[N, heads, T, head_dim]` (PyTorch's
    `reshape(N, T, 3, H, hd).permute(2, 0, 3, 1, 4)`, a materializing copy).

    ```mlir
    %q, %k, %v = dit.split_heads %qkv : tensor<1x256x3456xf32> -> tensor<1x16x256x72xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$qkv);
  let results = (outs DiT_FloatTensor:$q, DiT_FloatTensor:$k,
                      DiT_FloatTensor:$v);
  let assemblyFormat = "$qkv attr-dict `:` type($qkv) `->` type($q)";
  let hasVerifier = 1;
}

def DiT_MergeHeadsOp : DiT_Op<"merge_heads",
    [AllElementTypesMatch<["input", "result"]>]> {
  let summary = "concatenate attention heads back to the hidden size";
  let description = [{
    Permutes `[N, heads, T, head_dim]` to `[N, T, heads * head_dim]`
    (head-major features), a materializing copy.

    ```mlir
    %o = dit.merge_heads %a : tensor<1x16x256x72xf32> -> tensor<1x256x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def DiT_UnpatchifyOp : DiT_Op<"unpatchify",
    [AllElementTypesMatch<["input", "result"]>]> {
  let summary = "tokens back to an image";
  let description = [{
    Maps `[N, T, p * p * C]` to `[N, C, H, W]` (T = (H / p) * (W / p)): the
    token at (row r, col c), whose features are laid out as `[p_i, p_j, C]`,
    fills `out[:, channel, r * p + p_i, c * p + p_j]`. A pure permutation.

    ```mlir
    %img = dit.unpatchify %t {patch_size = 2 : i64} : tensor<1x256x32xf32> -> tensor<1x8x32x32xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input,
                       ConfinedAttr<I64Attr, [IntPositive]>:$patch_size);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Classifier-free guidance
//===----------------------------------------------------------------------===//

def DiT_CfgBatchOp : DiT_Op<"cfg_batch",
    [AllElementTypesMatch<["latent", "latent_out"]>]> {
  let summary = "double a batch for classifier-free guidance";
  let description = [{
    Builds the doubled batch of classifier-free guidance from N images:
    the latents and timesteps repeated (`[x; x]`, `[t; t]`) and the labels
    followed by N copies of the null class (`[y; null_class...]`).

    ```mlir
    %x2, %t2, %y2 = dit.cfg_batch %x, %t, %y {null_class = 1000}
        : (tensor<1x4x32x32xf32>, tensor<1xf32>, tensor<1xi64>)
        -> (tensor<2x4x32x32xf32>, tensor<2xf32>, tensor<2xi64>)
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$latent, DiT_TimestepTensor:$timesteps,
                       DiT_LabelTensor:$labels,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$null_class);
  let results = (outs DiT_FloatTensor:$latent_out,
                      DiT_TimestepTensor:$timesteps_out,
                      DiT_LabelTensor:$labels_out);
  let assemblyFormat = [{
    $latent `,` $timesteps `,` $labels attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def DiT_CfgCombineOp : DiT_Op<"cfg_combine",
    [AllElementTypesMatch<["input", "result"]>]> {
  let summary = "classifier-free guidance combine u + s (c - u)";
  let description = [{
    Splits the model output `[2N, C, H, W]` into its conditional half c
    (first N) and unconditional half u, and returns `[N, C, H, W]`: channels
    below `guided_channels` are `u + scale * (c - u)`, the others are copied
    from c. The reference DiT guides 3 channels (a documented quirk); 4 is
    the principled choice for a 4-channel latent.

    ```mlir
    %eps = dit.cfg_combine %out, %s {guided_channels = 3}
        : (tensor<2x8x32x32xf32>, tensor<f32>) -> tensor<1x8x32x32xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, DiT_ScalarF32Tensor:$scale,
                       ConfinedAttr<I64Attr, [IntNonNegative]>:$guided_channels);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $scale attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Fused ops (produced by the dit-fuse-* passes)
//===----------------------------------------------------------------------===//

def DiT_LayerNormModulateOp : DiT_Op<"layer_norm_modulate",
    [AllTypesMatch<["input", "result"]>, AllTypesMatch<["shift", "scale"]>,
     AllElementTypesMatch<["input", "shift"]>]> {
  let summary = "layer norm (no affine) fused with adaLN modulation";
  let description = [{
    `modulate(layer_norm(input), shift, scale)` as one kernel: the normalized
    tensor is never written to memory. `input: [N, ..., D]`, `shift`,
    `scale: [N, D]`.

    ```mlir
    %m = dit.layer_norm_modulate %x, %shift, %scale
        : tensor<1x256x1152xf32>, tensor<1x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, DiT_FloatTensor:$shift,
                       DiT_FloatTensor:$scale,
                       DefaultValuedAttr<F64Attr, "1.0e-6">:$epsilon);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $shift `,` $scale attr-dict `:` type($input) `,` type($shift)
  }];
  let hasVerifier = 1;
}

def DiT_AttentionOp : DiT_Op<"attention",
    [AllTypesMatch<["query", "key", "value", "result"]>]> {
  let summary = "fused attention core softmax(q k^T * scale) v";
  let description = [{
    The attention core as one op (FlashAttention-style: online softmax, the
    T x T scores never reach memory): `query`, `key`, `value` and the result
    are `[N, heads, T, head_dim]`.

    ```mlir
    %o = dit.attention %q, %k, %v, 0.125 : tensor<1x16x256x72xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$query, DiT_FloatTensor:$key,
                       DiT_FloatTensor:$value, F64Attr:$scale);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value `,` $scale attr-dict `:` type($query)
  }];
  let hasVerifier = 1;
}

def DiT_LinearGeluOp : DiT_Op<"linear_gelu",
    [AllElementTypesMatch<["input", "weight", "bias", "result"]>]> {
  let summary = "linear layer with a bias + GELU (tanh) epilogue";
  let description = [{
    `gelu_tanh(input W^T + bias)` as one kernel (the MLP's fc1).

    ```mlir
    %h = dit.linear_gelu %x, %w, %b
        : (tensor<1x256x1152xf32>, tensor<4608x1152xf32>, tensor<4608xf32>)
        -> tensor<1x256x4608xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, DiT_FloatTensor:$weight,
                       DiT_FloatTensor:$bias);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def DiT_LinearGatedResidualOp : DiT_Op<"linear_gated_residual",
    [AllElementTypesMatch<["input", "weight", "bias", "residual", "gate",
                           "result"]>,
     AllTypesMatch<["residual", "result"]>]> {
  let summary = "linear layer with a bias + gated-residual epilogue";
  let description = [{
    `residual + gate * (input W^T + bias)` as one kernel (attention proj and
    MLP fc2 with the adaLN gate). `residual: [N, ..., D_out]`,
    `gate: [N, D_out]`.

    ```mlir
    %r = dit.linear_gated_residual %a, %w, %b, %x, %g
        : (tensor<1x256x1152xf32>, tensor<1152x1152xf32>, tensor<1152xf32>,
           tensor<1x256x1152xf32>, tensor<1x1152xf32>) -> tensor<1x256x1152xf32>
    ```
  }];
  let arguments = (ins DiT_FloatTensor:$input, DiT_FloatTensor:$weight,
                       DiT_FloatTensor:$bias, DiT_FloatTensor:$residual,
                       DiT_FloatTensor:$gate);
  let results = (outs DiT_FloatTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias `,` $residual `,` $gate attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // DIT_DIALECT_DIT_IR_DITOPS

//===- DiTDialect.td - the dit dialect ---------------------*- tablegen -*-===//
//
// The dit dialect: the Diffusion Transformer forward pass at the level of its
// PyTorch modules.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_DIALECT_DIT_IR_DITDIALECT
#define DIT_DIALECT_DIT_IR_DITDIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/EnumAttr.td"

def DiT_Dialect : Dialect {
  let name = "dit";
  let cppNamespace = "::dit";
  let summary = "Diffusion Transformer (DiT) forward-pass operations";
  let description = [{
    The `dit` dialect represents the forward pass of a Diffusion Transformer
    (Peebles & Xie, 2023) on statically shaped tensors: patch embedding, the
    fixed 2D sin-cos positional embedding, timestep and label embedding,
    adaLN modulation, layer norm, multi-head attention as separate
    projection and core ops, the MLP with GELU, gated residuals, the final
    layer, unpatchify and the classifier-free-guidance combine.

    Activations and weights are `f32`, `f16` or `bf16` tensors; timesteps
    are `f32`; class labels are `i64`. Every op reports its cost through
    `CostOpInterface`.
  }];
}

def DiT_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "approximation of the GELU activation", [
      I32EnumAttrCase<"None", 0, "none">,
      I32EnumAttrCase<"Tanh", 1, "tanh">
    ]> {
  let cppNamespace = "::dit";
}

#endif // DIT_DIALECT_DIT_IR_DITDIALECT

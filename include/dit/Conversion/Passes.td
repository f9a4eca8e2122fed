//===- Passes.td - dit conversion passes -------------------*- tablegen -*-===//
//
// Passes that lower the dit dialect to upstream dialects.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_CONVERSION_PASSES
#define DIT_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertDiTToLinalg : Pass<"convert-dit-to-linalg"> {
  let summary = "Lower dit ops to linalg, tensor, arith and math on tensors";
  let description = [{
    Rewrites every dit op into linalg ops on tensors: contractions
    (linear layers, the patch-embedding convolution, batched matmuls) become
    `linalg.generic` multiply-accumulate reductions into an f32 accumulator
    (f16/bf16 operands are extended in the payload), elementwise ops become
    parallel `linalg.generic`s computing in f32, reductions (layer norm,
    softmax) are two-pass and max-subtracted, and data movement becomes
    `tensor` reshapes, slices, concatenations and `linalg.transpose`. The
    positional embedding becomes a constant computed at compile time.

    Locations are kept, so the cost report groups the lowered IR by the same
    module paths. The contraction MACs (and so the `paper` and `torch`
    counts) are unchanged; docs/CostModel.md lists where the `full` count
    differs.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

#endif // DIT_CONVERSION_PASSES

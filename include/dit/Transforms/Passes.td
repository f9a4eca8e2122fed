//===- Passes.td - transformations of lowered dit code -----*- tablegen -*-===//
//
// Passes on the linalg/vector/memref code the dit dialect lowers to.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_TRANSFORMS_PASSES
#define DIT_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def DiTVectorizeContractions
    : Pass<"dit-vectorize-contractions", "::mlir::func::FuncOp"> {
  let summary = "Tile contractions into register tiles and vectorize them";
  let description = [{
    For every static `linalg` contraction on tensors with one M, one N and
    one K dimension (plus batch dimensions), as produced by
    `--convert-dit-to-linalg` for linear layers and attention matmuls:

    1. if the right-hand operand is laid out [N, K] (PyTorch's [out, in]
       weights, k in q k^T), it is transposed once to [K, N] so that a
       register tile reads contiguous rows;
    2. the op is tiled with TilingInterface (`scf.for`) into
       `tile-sizes` = M x N x K tiles (batch dimensions by 1; each size is
       reduced to the largest divisor of the dimension so tiles stay
       static);
    3. each tile is vectorized (`vector.contract`), which the LLVM lowering
       turns into outer products: with K = 1 an 8 x 32 tile is 8 broadcasts
       and 16 AVX-512 FMAs per step.

    The accumulator stays in registers once `dit-hoist-vector-transfers`
    runs after bufferization. Other ops are left unchanged.
  }];
  let options = [
    ListOption<"tileSizes", "tile-sizes", "int64_t",
               "Register tile M,N,K (default 8,32,1)">,
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def DiTHoistVectorTransfers
    : Pass<"dit-hoist-vector-transfers", "::mlir::func::FuncOp"> {
  let summary = "Hoist loop-invariant vector transfers out of loops";
  let description = [{
    After bufferization, moves `vector.transfer_read`/`transfer_write`
    pairs on loop-invariant memory out of the enclosing `scf.for` loops
    (upstream `linalg::hoistRedundantVectorTransfers`), so the accumulator
    tile of a vectorized contraction lives in registers across the K loop.
  }];
}

#endif // DIT_TRANSFORMS_PASSES

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
    3. each tile is vectorized (`linalg::vectorize`) and folded back into a
       `vector.contract` of an [M, 1] and a [1, N] vector, which the LLVM
       lowering turns into an outer product: an 8 x 32 tile is 8 broadcasts
       and 16 AVX-512 FMAs per K step.

    With `parallel`, the batch and M dimensions are first tiled with
    `scf.forall` into chunks of `parallel-rows` rows (TilingInterface
    again), which the CPU pipeline maps to OpenMP threads.

    The accumulator stays in registers once `dit-hoist-vector-transfers`
    runs after bufferization. Other ops are left unchanged.
  }];
  let options = [
    ListOption<"tileSizes", "tile-sizes", "int64_t",
               "Register tile M,N,K (default 8,32,1)">,
    Option<"parallel", "parallel", "bool", "false",
           "Distribute batch and row chunks over an scf.forall">,
    Option<"parallelRows", "parallel-rows", "int64_t", "64",
           "Rows (M) per scf.forall iteration">,
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

def DiTApproximateMath
    : Pass<"dit-approximate-math", "::mlir::func::FuncOp"> {
  let summary = "Replace f32 transcendental functions by polynomial approximations";
  let description = [{
    Rewrites `math.tanh`, `math.exp`, `math.erf`, `math.log`, `math.sin`,
    `math.cos` (and the other functions upstream approximates) on f32 into
    arithmetic with upstream's polynomial approximations
    (`populateMathPolynomialApproximationPatterns`), so that loops computing
    them contain no libm calls and vectorize. The approximations are accurate
    to a few ulp in f32; the numerics tests bound the end-to-end effect.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect",
  ];
}

#endif // DIT_TRANSFORMS_PASSES

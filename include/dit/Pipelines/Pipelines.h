//===- Pipelines.h - the project's pass pipelines ---------------*- C++ -*-===//
//
// Named pass pipelines registered with dit-opt and used by dit-run.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_PIPELINES_PIPELINES_H
#define DIT_PIPELINES_PIPELINES_H

#include "dit/Analysis/CostAnalysis.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace dit {

/// Options of the --dit-lower-to-cpu pipeline.
struct CPUPipelineOptions
    : public mlir::PassPipelineOptions<CPUPipelineOptions> {
  Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Tile and vectorize the contractions (false: scalar "
                     "loops, the numerics baseline)"),
      llvm::cl::init(true)};
  Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Run contraction row chunks on OpenMP threads "
                     "(OMP_NUM_THREADS; default: all cores)"),
      llvm::cl::init(true)};
  ListOption<int64_t> tileSizes{
      *this, "tile-sizes",
      llvm::cl::desc("Register tile of the contractions' two innermost "
                     "parallel dimensions and the reduction (M,N,K)")};
};

/// Builds dit (or linalg-on-tensors) -> LLVM dialect for the host CPU:
/// convert-dit-to-linalg, contraction tiling and vectorization, one-shot
/// bufferization, deallocation, loops, and conversion to LLVM.
void buildLowerToCPUPipeline(mlir::OpPassManager &pm,
                             const CPUPipelineOptions &options);

/// Registers --dit-lower-to-cpu and --dit-optimize.
void registerPipelines();

#define GEN_PASS_DECL
#include "dit/Pipelines/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dit/Pipelines/Passes.h.inc"

} // namespace dit

#endif // DIT_PIPELINES_PIPELINES_H

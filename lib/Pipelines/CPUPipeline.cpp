//===- CPUPipeline.cpp - dit to LLVM for the host CPU ---------------------===//
//
// The --dit-lower-to-cpu pipeline: upstream passes only, after the dit to
// linalg conversion.
//
//===----------------------------------------------------------------------===//

#include "dit/Conversion/Passes.h"
#include "dit/Pipelines/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/ErrorHandling.h"

using namespace mlir;
using namespace dit;

void dit::buildLowerToCPUPipeline(OpPassManager &pm,
                                  const CPUPipelineOptions &options) {
  pm.addPass(createConvertDiTToLinalg());
  std::string pipeline = "canonicalize,";
  if (options.vectorize) {
    std::string sizes = "8,32,1";
    if (!options.tileSizes.empty()) {
      sizes.clear();
      llvm::raw_string_ostream os(sizes);
      llvm::interleave(options.tileSizes, os, ",");
    }
    pipeline += "func.func(dit-vectorize-contractions{tile-sizes=" + sizes +
                (options.parallel ? " parallel=true" : "") + "}),";
  }
  pipeline += "one-shot-bufferize{bufferize-function-boundaries "
              "function-boundary-type-conversion=identity-layout-map},"
              "buffer-deallocation-pipeline,convert-bufferization-to-memref,"
              "canonicalize,"
              "func.func(fold-memref-alias-ops,cse,loop-invariant-code-motion,"
              "dit-hoist-vector-transfers),";
  // Loops over the parallel dimensions of every linalg op become OpenMP
  // worksharing loops (the contraction chunks are scf.forall already).
  if (options.parallel)
    pipeline += "func.func(convert-linalg-to-parallel-loops,"
                "dit-approximate-math),"
                "scf-forall-to-parallel,convert-scf-to-openmp,canonicalize,";
  else
    pipeline += "func.func(convert-linalg-to-loops,dit-approximate-math),";
  pipeline += "func.func(convert-vector-to-scf{full-unroll}),"
              "expand-strided-metadata,lower-affine,convert-scf-to-cf,"
              "func.func(arith-expand{include-bf16=true}),"
              "convert-math-to-llvm,convert-math-to-libm,"
              "convert-vector-to-llvm{vector-contract-lowering=outerproduct},"
              "finalize-memref-to-llvm,convert-to-llvm,"
              "reconcile-unrealized-casts";
  if (failed(parsePassPipeline(pipeline, pm)))
    llvm::report_fatal_error("dit-lower-to-cpu: invalid built-in pipeline");
}

void dit::registerPipelines() {
  registerDiTPipelinesPasses();
  PassPipelineRegistration<CPUPipelineOptions>(
      "dit-lower-to-cpu",
      "Lower dit (or linalg on tensors) to the LLVM dialect for the host CPU",
      buildLowerToCPUPipeline);
}

//===- GpuTargets.h - GPU descriptions for the roofline ---------*- C++ -*-===//
//
// The GPU targets of the kernel-level cost model, read from the project's one
// data table (data/gpu-targets.json, embedded at build time).
//
//===----------------------------------------------------------------------===//

#ifndef DIT_ANALYSIS_GPUTARGETS_H
#define DIT_ANALYSIS_GPUTARGETS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir {
class Type;
} // namespace mlir

namespace dit {

/// One GPU: dense peak throughputs and memory bandwidth.
struct GpuTarget {
  std::string name;
  std::string display;
  double bf16Tflops, fp16Tflops, tf32Tflops, fp32Tflops;
  double memoryTbps;
  int64_t sms, l2Mb;
  /// Fixed cost of one kernel launch, in microseconds.
  double launchOverheadUs;

  /// Peak contraction throughput (FLOP/s) for operands of `elementType`:
  /// tensor cores for bf16/f16, FP32 (non-tensor, PyTorch's default for f32
  /// matmuls) otherwise.
  double contractionFlopsPerSecond(mlir::Type elementType) const;
};

/// Returns all targets of data/gpu-targets.json.
llvm::ArrayRef<GpuTarget> getGpuTargets();

/// Returns the target named `name`, or null.
const GpuTarget *lookupGpuTarget(llvm::StringRef name);

} // namespace dit

#endif // DIT_ANALYSIS_GPUTARGETS_H

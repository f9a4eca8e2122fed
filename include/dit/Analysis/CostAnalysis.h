//===- CostAnalysis.h - whole-module cost analysis --------------*- C++ -*-===//
//
// Collects the CostOpInterface cost of every op of a module, with the module
// path each op came from, and aggregates it by group under a counting
// convention.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_ANALYSIS_COSTANALYSIS_H
#define DIT_ANALYSIS_COSTANALYSIS_H

#include "dit/Interfaces/CostOpInterface.h"

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

namespace mlir {
class AnalysisManager;
} // namespace mlir

namespace dit {

struct GpuTarget;

/// How cost figures are counted (see docs/CostModel.md).
enum class CostConvention {
  /// Contraction MACs: the DiT paper's "flops".
  Paper,
  /// fvcore's FlopCountAnalysis of the reference PyTorch model.
  Fvcore,
  /// torch.utils.flop_counter: 2 flops per contraction MAC.
  Torch,
  /// Every arithmetic operation; transcendentals counted apart.
  Full,
};

/// Output format of a cost report.
enum class ReportFormat { Text, Json };

/// How the rows of a cost report are grouped.
enum class CostGrouping { Op, Module, Block, Kind, Top };

/// Writes a report to `path` ('-' for stdout) with `print`; on failure
/// emits an error at `loc`.
mlir::LogicalResult
writeReport(llvm::StringRef path, mlir::Location loc,
            llvm::function_ref<void(llvm::raw_ostream &)> print);

/// Formats `value` with an SI prefix (K, M, G, T, P) and two decimals,
/// followed by `suffix` (e.g. "B").
std::string formatWithUnit(int64_t value, llvm::StringRef suffix = "");

/// Returns the name of `convention` as spelled in pass options.
llvm::StringRef stringifyCostConvention(CostConvention convention);

/// Returns the headline figure of `cost` under `convention`, or std::nullopt
/// on overflow.
std::optional<int64_t> getConventionCount(OpCost cost,
                                          CostConvention convention);

/// Returns the module path (a NameLoc such as `blocks.3.attn.qkv`) carried by
/// `loc`, looking through fused and call-site locations.
std::optional<llvm::StringRef> getModulePath(mlir::Location loc);

/// Returns the group key of an op named `opName` at module path `path`
/// under `grouping`.
std::string getGroupKey(CostGrouping grouping, llvm::StringRef opName,
                        std::optional<llvm::StringRef> path);

/// The kernel-level figures of an op or a group: every op that reads or
/// writes memory is one kernel; with a target, its estimated time is
/// max(compute, memory) + launch overhead (docs/CostModel.md).
struct KernelEstimate {
  int64_t kernels = 0;
  /// Estimated time in microseconds (0 without a target).
  double timeUs = 0;

  KernelEstimate &operator+=(const KernelEstimate &other) {
    kernels += other.kernels;
    timeUs += other.timeUs;
    return *this;
  }
};

/// Returns the kernel estimate of `op` with cost `cost` on `target` (null:
/// kernel count only).
KernelEstimate estimateKernel(mlir::Operation *op, const OpCost &cost,
                              const GpuTarget *target);

/// The cost of every costed op of a module.
class CostAnalysis {
public:
  /// One costed op.
  struct Entry {
    mlir::Operation *op;
    OpCost cost;
  };
  /// The aggregate of the entries that share a group key.
  struct Group {
    std::string name;
    OpCost cost;
    KernelEstimate kernels;
  };

  /// Walks `root` and computes the cost of every op implementing
  /// CostOpInterface (ops nested in a costed op are part of its cost). Errors
  /// (dynamic shapes, overflow) are emitted at the offending op.
  CostAnalysis(mlir::Operation *root);
  CostAnalysis(mlir::Operation *root, mlir::AnalysisManager &)
      : CostAnalysis(root) {}

  /// Returns false if any op's cost could not be computed exactly.
  bool isValid() const { return valid; }
  /// The costed ops in walk order.
  llvm::ArrayRef<Entry> getEntries() const { return entries; }
  /// Names of ops that carry tensors but implement no cost model, in order
  /// of first appearance.
  llvm::ArrayRef<std::string> getUncostedOps() const { return uncosted; }
  /// The sum over all entries.
  const OpCost &getTotal() const { return total; }
  /// Aggregates the entries by `grouping`, in order of first appearance,
  /// with kernel estimates on `target` (null: kernel counts only).
  llvm::SmallVector<Group> group(CostGrouping grouping,
                                 const GpuTarget *target) const;
  /// The kernel estimate of the whole module on `target`.
  KernelEstimate getKernelTotal(const GpuTarget *target) const;

private:
  llvm::SmallVector<Entry> entries;
  llvm::SmallVector<std::string> uncosted;
  OpCost total;
  bool valid = true;
};

} // namespace dit

#endif // DIT_ANALYSIS_COSTANALYSIS_H

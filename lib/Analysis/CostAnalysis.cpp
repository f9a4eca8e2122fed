//===- CostAnalysis.cpp - whole-module cost analysis ----------------------===//
//
// Walks a module, asks every op for its CostOpInterface cost, and groups the
// results by the module path recorded in op locations.
//
//===----------------------------------------------------------------------===//

#include "dit/Analysis/CostAnalysis.h"
#include "dit/Analysis/GpuTargets.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ToolOutputFile.h"

#include <fmt/format.h>

#define DEBUG_TYPE "dit-cost-analysis"

using namespace mlir;
using namespace dit;

StringRef dit::stringifyCostConvention(CostConvention convention) {
  switch (convention) {
  case CostConvention::Paper:
    return "paper";
  case CostConvention::Fvcore:
    return "fvcore";
  case CostConvention::Torch:
    return "torch";
  case CostConvention::Full:
    return "full";
  }
  llvm_unreachable("unknown cost convention");
}

std::optional<int64_t> dit::getConventionCount(OpCost cost,
                                               CostConvention convention) {
  int64_t count = 0;
  switch (convention) {
  case CostConvention::Paper:
    count = cost.macs;
    break;
  case CostConvention::Fvcore:
    count = cost.fvcore;
    break;
  case CostConvention::Torch:
    count = cost.product({2, cost.macs});
    break;
  case CostConvention::Full:
    count = cost.flops;
    break;
  }
  if (cost.overflow)
    return std::nullopt;
  return count;
}

std::optional<StringRef> dit::getModulePath(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().getValue();
  if (auto fused = dyn_cast<FusedLoc>(loc)) {
    for (Location inner : fused.getLocations())
      if (std::optional<StringRef> path = getModulePath(inner))
        return path;
    return std::nullopt;
  }
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return getModulePath(callSite.getCallee());
  return std::nullopt;
}

LogicalResult dit::writeReport(StringRef path, Location loc,
                               function_ref<void(raw_ostream &)> print) {
  std::string errorMessage;
  std::unique_ptr<llvm::ToolOutputFile> file =
      openOutputFile(path, &errorMessage);
  if (!file)
    return emitError(loc) << "cannot open report output '" << path
                          << "': " << errorMessage;
  print(file->os());
  file->os().flush();
  file->keep();
  return success();
}

std::string dit::formatWithUnit(int64_t value, StringRef suffix) {
  static const char *prefixes[] = {"", " K", " M", " G", " T", " P", " E"};
  double scaled = static_cast<double>(value);
  size_t index = 0;
  while (scaled >= 1000.0 && index + 1 < std::size(prefixes)) {
    scaled /= 1000.0;
    ++index;
  }
  if (index == 0)
    return fmt::format("{}{}{}", value, suffix.empty() ? "" : " ",
                       suffix.str());
  return fmt::format("{:.2f}{}{}", scaled, prefixes[index], suffix.str());
}

/// Returns true if `component` is a non-empty string of decimal digits.
static bool isIndex(StringRef component) {
  return !component.empty() &&
         llvm::all_of(component, [](char c) { return llvm::isDigit(c); });
}

std::string dit::getGroupKey(CostGrouping grouping, StringRef opName,
                             std::optional<StringRef> path) {
  if (grouping == CostGrouping::Op)
    return opName.str();
  if (!path)
    return "<unnamed>";
  SmallVector<StringRef> components;
  path->split(components, '.');
  switch (grouping) {
  case CostGrouping::Op:
  case CostGrouping::Module:
    return path->str();
  case CostGrouping::Block: {
    // The top-level module, with its index for repeated ones (blocks.3).
    size_t keep = components.size() > 1 && isIndex(components[1]) ? 2 : 1;
    return llvm::join(ArrayRef(components).take_front(keep), ".");
  }
  case CostGrouping::Top:
    return components.front().str();
  case CostGrouping::Kind: {
    SmallVector<StringRef> kept;
    for (StringRef component : components)
      if (!isIndex(component))
        kept.push_back(component);
    return llvm::join(kept, ".");
  }
  }
  llvm_unreachable("unknown cost grouping");
}

/// Returns true if `op` carries tensors or memrefs in its operands or
/// results, i.e. moves or computes data the report should account for.
static bool carriesShapedValues(Operation *op) {
  auto isShaped = [](Type type) { return isa<ShapedType>(type); };
  return llvm::any_of(op->getOperandTypes(), isShaped) ||
         llvm::any_of(op->getResultTypes(), isShaped);
}

CostAnalysis::CostAnalysis(Operation *root) {
  root->walk<WalkOrder::PreOrder>([&](Operation *op) {
    auto costed = dyn_cast<CostOpInterface>(op);
    if (!costed) {
      // Containers without a cost model (loops, conditionals) are listed
      // too: their bodies are counted once, not per iteration or branch.
      bool container =
          op->getNumRegions() > 0 && !isa<ModuleOp, FunctionOpInterface>(op);
      if (op != root &&
          (container || (op->getNumRegions() == 0 &&
                         !op->hasTrait<OpTrait::IsTerminator>() &&
                         !op->hasTrait<OpTrait::ConstantLike>() &&
                         carriesShapedValues(op))) &&
          !llvm::is_contained(uncosted, op->getName().getStringRef().str()))
        uncosted.push_back(op->getName().getStringRef().str());
      return WalkResult::advance();
    }
    FailureOr<OpCost> cost = costed.computeCost();
    if (failed(cost)) {
      valid = false;
      return WalkResult::skip();
    }
    if (cost->overflow) {
      op->emitError("cost of this op overflows 64-bit integers");
      valid = false;
      return WalkResult::skip();
    }
    if (cost->incomplete) {
      op->emitError("cannot compute the cost of an op with dynamically "
                    "shaped or unsized operands");
      valid = false;
      return WalkResult::skip();
    }
    entries.push_back({op, *cost});
    total += *cost;
    return WalkResult::skip();
  });
  if (total.overflow) {
    emitError(root->getLoc(), "total cost overflows 64-bit integers");
    valid = false;
  }
}

KernelEstimate dit::estimateKernel(Operation *op, const OpCost &cost,
                                   const GpuTarget *target) {
  KernelEstimate estimate;
  // Views, constants and scalar bookkeeping move no memory: no kernel.
  if (cost.bytesRead == 0 && cost.bytesWritten == 0)
    return estimate;
  estimate.kernels = 1;
  if (!target)
    return estimate;
  Type elementType = op->getNumOperands()
                         ? getElementTypeOrSelf(op->getOperand(0).getType())
                         : Float32Type::get(op->getContext());
  double contractionFlops = 2.0 * static_cast<double>(cost.macs);
  // Other flops run on the FP32 units; a transcendental costs as much as 4
  // FP32 flops (the special-function units' quarter throughput).
  double otherFlops = static_cast<double>(cost.flops) - contractionFlops +
                      4.0 * static_cast<double>(cost.transcendentals);
  double compute =
      contractionFlops / target->contractionFlopsPerSecond(elementType) +
      otherFlops / (target->fp32Tflops * 1e12);
  double memory = static_cast<double>(cost.bytesRead + cost.bytesWritten) /
                  (target->memoryTbps * 1e12);
  estimate.timeUs = std::max(compute, memory) * 1e6 + target->launchOverheadUs;
  return estimate;
}

KernelEstimate CostAnalysis::getKernelTotal(const GpuTarget *target) const {
  KernelEstimate total;
  for (const Entry &entry : entries)
    total += estimateKernel(entry.op, entry.cost, target);
  return total;
}

SmallVector<CostAnalysis::Group>
CostAnalysis::group(CostGrouping grouping, const GpuTarget *target) const {
  SmallVector<Group> groups;
  llvm::StringMap<size_t> indexOf;
  for (const Entry &entry : entries) {
    std::string key = getGroupKey(grouping, entry.op->getName().getStringRef(),
                                  getModulePath(entry.op->getLoc()));
    auto [it, inserted] = indexOf.try_emplace(key, groups.size());
    if (inserted)
      groups.push_back({key, OpCost(), KernelEstimate()});
    groups[it->second].cost += entry.cost;
    groups[it->second].kernels += estimateKernel(entry.op, entry.cost, target);
  }
  return groups;
}

//===- Optimize.cpp - the --dit-optimize pass -----------------------------===//
//
// Runs every dit fusion and prints the cost analysis before and after, side
// by side: the project's main report.
//
//===----------------------------------------------------------------------===//

#include "dialects/DiT/IR/DiTDialect.h"
#include "dialects/DiT/Transforms/Passes.h"
#include "dit/Analysis/CostAnalysis.h"
#include "dit/Analysis/GpuTargets.h"
#include "dit/Pipelines/Pipelines.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"

#include <fmt/format.h>

namespace dit {
#define GEN_PASS_DEF_DITOPTIMIZE
#include "dit/Pipelines/Passes.h.inc"
} // namespace dit

using namespace mlir;
using namespace dit;

namespace {

/// The figures of one report row at one stage.
struct Figures {
  OpCost cost;
  KernelEstimate kernels;
};

/// One row: a group's figures before and after (absent: zero).
struct Row {
  std::string name;
  Figures before, after;
};

struct DiTOptimizePass : public dit::impl::DiTOptimizeBase<DiTOptimizePass> {
  using DiTOptimizeBase::DiTOptimizeBase;

  void runOnOperation() override;

private:
  void printText(raw_ostream &os, ArrayRef<Row> rows, const Row &total,
                 const GpuTarget *gpu, ArrayRef<std::string> uncosted);
  void printJson(raw_ostream &os, ArrayRef<Row> rows, const Row &total,
                 const GpuTarget *gpu, ArrayRef<std::string> uncosted);
};

} // namespace

void DiTOptimizePass::runOnOperation() {
  ModuleOp module = getOperation();
  if (report != "none" && report != "text" && report != "json") {
    emitError(module.getLoc()) << "'report' must be none, text or json, got '"
                               << report.getValue() << "'";
    return signalPassFailure();
  }
  const GpuTarget *gpu = nullptr;
  if (!target.empty() && !(gpu = lookupGpuTarget(target))) {
    emitError(module.getLoc())
        << "unknown target '" << target.getValue() << "'";
    return signalPassFailure();
  }

  // The "before" figures, only when a report is asked for (the fusions
  // themselves do not need a costable module).
  SmallVector<CostAnalysis::Group> beforeGroups;
  SmallVector<std::string> uncostedBefore;
  Row total{"total", {}, {}};
  if (report != "none") {
    CostAnalysis before(module);
    if (!before.isValid())
      return signalPassFailure();
    beforeGroups = before.group(groupBy, gpu);
    total.before = {before.getTotal(), before.getKernelTotal(gpu)};
    uncostedBefore.assign(before.getUncostedOps().begin(),
                          before.getUncostedOps().end());
  }

  // The fusions; every decision could consult the cost model through the
  // control callback (all of them reduce memory traffic here).
  FusionControlFn control = [](Operation *) { return true; };
  RewritePatternSet patterns(&getContext());
  populateFuseLayerNormModulatePatterns(patterns, control);
  populateFuseAttentionPatterns(patterns, control);
  populateFuseLinearEpiloguePatterns(patterns, control);
  populateFusePatchEmbedPatterns(patterns, control);
  walkAndApplyPatterns(module, std::move(patterns));
  fuseAdaLNLinears(module, control);

  if (report == "none")
    return;
  CostAnalysis after(module);
  if (!after.isValid())
    return signalPassFailure();
  total.after = {after.getTotal(), after.getKernelTotal(gpu)};

  // Rows in order of first appearance before, then groups new after.
  SmallVector<Row> rows;
  llvm::StringMap<size_t> indexOf;
  for (const CostAnalysis::Group &group : beforeGroups) {
    indexOf[group.name] = rows.size();
    rows.push_back({group.name, {group.cost, group.kernels}, {}});
  }
  for (const CostAnalysis::Group &group : after.group(groupBy, gpu)) {
    auto [it, inserted] = indexOf.try_emplace(group.name, rows.size());
    if (inserted)
      rows.push_back({group.name, {}, {}});
    rows[it->second].after = {group.cost, group.kernels};
  }

  if (failed(writeReport(output, module.getLoc(), [&](raw_ostream &os) {
        // Ops without a cost model, before or after: never dropped silently.
        SmallVector<std::string> uncosted(uncostedBefore);
        for (const std::string &name : after.getUncostedOps())
          if (!llvm::is_contained(uncosted, name))
            uncosted.push_back(name);
        if (report == "json")
          printJson(os, rows, total, gpu, uncosted);
        else
          printText(os, rows, total, gpu, uncosted);
      })))
    return signalPassFailure();
}

/// Formats "before -> after".
static std::string change(const std::string &before, const std::string &after) {
  return before + " -> " + after;
}

void DiTOptimizePass::printText(raw_ostream &os, ArrayRef<Row> rows,
                                const Row &total, const GpuTarget *gpu,
                                ArrayRef<std::string> uncosted) {
  size_t width = std::string_view("total").size();
  for (const Row &row : rows)
    width = std::max(width, row.name.size());
  os << "dit-optimize: before -> after"
     << (gpu ? ", times on " + gpu->display : std::string()) << "\n";
  auto line = [&](StringRef name, StringRef kernels, StringRef macs,
                  StringRef flops, StringRef bytes, StringRef time) {
    os << fmt::format("{:<{}}  {:>12}  {:>20}  {:>20}  {:>22}", name.str(),
                      width, kernels.str(), macs.str(), flops.str(),
                      bytes.str());
    if (gpu)
      os << fmt::format("  {:>24}", time.str());
    os << "\n";
  };
  auto printRow = [&](const Row &row) {
    auto us = [](double value) { return fmt::format("{:.1f} us", value); };
    line(row.name,
         change(std::to_string(row.before.kernels.kernels),
                std::to_string(row.after.kernels.kernels)),
         change(formatWithUnit(row.before.cost.macs),
                formatWithUnit(row.after.cost.macs)),
         change(formatWithUnit(row.before.cost.flops),
                formatWithUnit(row.after.cost.flops)),
         change(
             formatWithUnit(
                 row.before.cost.bytesRead + row.before.cost.bytesWritten, "B"),
             formatWithUnit(
                 row.after.cost.bytesRead + row.after.cost.bytesWritten, "B")),
         change(us(row.before.kernels.timeUs), us(row.after.kernels.timeUs)));
  };
  line("group", "kernels", "MACs", "FLOPs", "bytes", "time");
  std::string rule(width + 86 + (gpu ? 26 : 0), '-');
  os << rule << "\n";
  for (const Row &row : rows)
    printRow(row);
  os << rule << "\n";
  printRow(total);
  if (!uncosted.empty()) {
    os << "not costed (no cost model): ";
    llvm::interleaveComma(uncosted, os);
    os << "\n";
  }
}

/// Returns the JSON object of `figures`.
static llvm::json::Object toJson(const Figures &figures, bool withTime) {
  llvm::json::Object object{
      {"kernels", figures.kernels.kernels},
      {"macs", figures.cost.macs},
      {"flops", figures.cost.flops},
      {"transcendentals", figures.cost.transcendentals},
      {"bytes", figures.cost.bytesRead + figures.cost.bytesWritten}};
  int64_t bytes = figures.cost.bytesRead + figures.cost.bytesWritten;
  if (bytes > 0)
    object["intensity"] =
        static_cast<double>(figures.cost.flops) / static_cast<double>(bytes);
  if (withTime)
    object["time_us"] = figures.kernels.timeUs;
  return object;
}

void DiTOptimizePass::printJson(raw_ostream &os, ArrayRef<Row> rows,
                                const Row &total, const GpuTarget *gpu,
                                ArrayRef<std::string> uncosted) {
  llvm::json::Object stages[2];
  for (int stage = 0; stage < 2; ++stage) {
    llvm::json::Array groups;
    for (const Row &row : rows) {
      llvm::json::Object object =
          toJson(stage ? row.after : row.before, gpu != nullptr);
      object["name"] = row.name;
      groups.push_back(std::move(object));
    }
    stages[stage]["total"] =
        toJson(stage ? total.after : total.before, gpu != nullptr);
    stages[stage]["groups"] = std::move(groups);
  }
  llvm::json::Object result{{"before", std::move(stages[0])},
                            {"after", std::move(stages[1])}};
  if (gpu)
    result["target"] = gpu->name;
  if (!uncosted.empty())
    result["uncosted_ops"] = llvm::json::Array(uncosted);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(result))) << "\n";
}

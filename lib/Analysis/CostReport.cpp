//===- CostReport.cpp - the --dit-cost-report pass ------------------------===//
//
// Prints the cost analysis of a module as a text table or one JSON object,
// to stdout or a file, leaving the IR unchanged.
//
//===----------------------------------------------------------------------===//

#include "dialects/DiT/IR/DiTDialect.h"
#include "dit/Analysis/GpuTargets.h"
#include "dit/Analysis/Passes.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include <fmt/format.h>

namespace dit {
#define GEN_PASS_DEF_DITCOSTREPORT
#include "dit/Analysis/Passes.h.inc"
} // namespace dit

using namespace mlir;
using namespace dit;

/// Returns the headline figure's meaning under `convention`.
static StringRef describeCount(CostConvention convention) {
  switch (convention) {
  case CostConvention::Paper:
    return "contraction MACs (the DiT paper's \"flops\")";
  case CostConvention::Fvcore:
    return "fvcore FlopCountAnalysis";
  case CostConvention::Torch:
    return "torch.utils.flop_counter flops (2 per MAC)";
  case CostConvention::Full:
    return "all arithmetic flops (transcendentals apart)";
  }
  llvm_unreachable("unknown cost convention");
}

namespace {

/// The figures printed for one row (a group or the total).
struct Row {
  std::string name;
  int64_t count, macs, flops, transcendentals, bytes, kernels;
  /// Estimated time, with a target.
  std::optional<double> timeUs;
};

/// The sampling cost of `steps` steps.
struct Sampling {
  int64_t steps, images, total, perImage;
};

struct DiTCostReportPass
    : public dit::impl::DiTCostReportBase<DiTCostReportPass> {
  using DiTCostReportBase::DiTCostReportBase;

  void runOnOperation() override;

private:
  /// The target of the time estimates, or null.
  const GpuTarget *gpu = nullptr;

  /// Builds a row from `cost`; fails (with an error at the module) on
  /// overflow.
  FailureOr<Row> makeRow(StringRef name, OpCost cost,
                         const KernelEstimate &kernels);
  void printText(raw_ostream &os, ArrayRef<Row> rows, const Row &total,
                 const std::optional<Sampling> &sampling,
                 ArrayRef<std::string> uncosted);
  void printJson(raw_ostream &os, ArrayRef<Row> rows, const Row &total,
                 const std::optional<Sampling> &sampling,
                 ArrayRef<std::string> uncosted);
};

} // namespace

FailureOr<Row> DiTCostReportPass::makeRow(StringRef name, OpCost cost,
                                          const KernelEstimate &kernels) {
  std::optional<int64_t> count = getConventionCount(cost, convention);
  int64_t bytes = cost.bytes();
  if (!count || cost.overflow) {
    emitError(getOperation().getLoc())
        << "cost of '" << name << "' overflows 64-bit integers";
    return failure();
  }
  std::optional<double> timeUs;
  if (gpu)
    timeUs = kernels.timeUs;
  return Row{name.str(),           *count, cost.macs,       cost.flops,
             cost.transcendentals, bytes,  kernels.kernels, timeUs};
}

void DiTCostReportPass::runOnOperation() {
  ModuleOp module = getOperation();
  if (steps < 0) {
    emitError(module.getLoc())
        << "'steps' must be non-negative, got " << steps.getValue();
    return signalPassFailure();
  }

  if (!target.empty()) {
    gpu = lookupGpuTarget(target);
    if (!gpu) {
      std::string known;
      for (const GpuTarget &candidate : getGpuTargets())
        known += (known.empty() ? "" : ", ") + candidate.name;
      emitError(module.getLoc()) << "unknown target '" << target.getValue()
                                 << "' (known: " << known << ")";
      return signalPassFailure();
    }
  }

  CostAnalysis &analysis = getAnalysis<CostAnalysis>();
  markAllAnalysesPreserved();
  if (!analysis.isValid())
    return signalPassFailure();

  SmallVector<Row> rows;
  for (const CostAnalysis::Group &group : analysis.group(groupBy, gpu)) {
    FailureOr<Row> row = makeRow(group.name, group.cost, group.kernels);
    if (failed(row))
      return signalPassFailure();
    rows.push_back(*row);
  }
  FailureOr<Row> total =
      makeRow("total", analysis.getTotal(), analysis.getKernelTotal(gpu));
  if (failed(total))
    return signalPassFailure();

  std::optional<Sampling> sampling;
  if (steps > 0) {
    int64_t images = 1;
    if (auto attr = module->getAttrOfType<IntegerAttr>(kImagesPerCallAttr))
      images = attr.getInt();
    if (images <= 0) {
      emitError(module.getLoc())
          << "'" << kImagesPerCallAttr << "' must be positive, got " << images;
      return signalPassFailure();
    }
    OpCost checked;
    int64_t all = checked.product({steps, total->count});
    if (checked.overflow) {
      emitError(module.getLoc()) << "sampling cost of " << steps.getValue()
                                 << " steps overflows 64-bit integers";
      return signalPassFailure();
    }
    if (all % images != 0) {
      emitError(module.getLoc())
          << "sampling cost " << all << " is not divisible by the " << images
          << " images per call; the per-image figure would not "
             "be exact";
      return signalPassFailure();
    }
    sampling = Sampling{steps, images, all, all / images};
  }

  if (failed(writeReport(output, module.getLoc(), [&](raw_ostream &os) {
        if (format == ReportFormat::Json)
          printJson(os, rows, *total, sampling, analysis.getUncostedOps());
        else
          printText(os, rows, *total, sampling, analysis.getUncostedOps());
      })))
    return signalPassFailure();
}

void DiTCostReportPass::printText(raw_ostream &os, ArrayRef<Row> rows,
                                  const Row &total,
                                  const std::optional<Sampling> &sampling,
                                  ArrayRef<std::string> uncosted) {
  size_t width = std::string_view("total").size();
  for (const Row &row : rows)
    width = std::max(width, row.name.size());
  os << "dit cost report: convention " << stringifyCostConvention(convention)
     << ", count = " << describeCount(convention);
  if (gpu)
    os << ", times on " << gpu->display;
  os << "\n";
  auto line = [&](StringRef name, StringRef count, StringRef macs,
                  StringRef flops, StringRef transcendentals, StringRef bytes,
                  StringRef kernels, StringRef time) {
    os << fmt::format("{:<{}}  {:>10}  {:>10}  {:>10}  {:>10}  {:>10}  {:>7}",
                      name.str(), width, count.str(), macs.str(), flops.str(),
                      transcendentals.str(), bytes.str(), kernels.str());
    if (gpu)
      os << fmt::format("  {:>12}", time.str());
    os << "\n";
  };
  auto printRow = [&](const Row &row) {
    line(row.name, formatWithUnit(row.count), formatWithUnit(row.macs),
         formatWithUnit(row.flops), formatWithUnit(row.transcendentals),
         formatWithUnit(row.bytes, "B"), std::to_string(row.kernels),
         row.timeUs ? fmt::format("{:.1f} us", *row.timeUs) : "");
  };
  line("group", "count", "MACs", "FLOPs", "transc.", "bytes", "kernels",
       "time");
  std::string rule(width + 69 + (gpu ? 14 : 0), '-');
  os << rule << "\n";
  for (const Row &row : rows)
    printRow(row);
  os << rule << "\n";
  printRow(total);
  os << "total count: " << total.count << " (" << formatWithUnit(total.count)
     << "), " << total.kernels << " kernels";
  if (total.timeUs)
    os << fmt::format(", estimated {:.1f} us on {}", *total.timeUs,
                      gpu->display);
  os << "\n";
  if (sampling)
    os << "sampling: " << sampling->steps << " steps x "
       << formatWithUnit(total.count) << " / " << sampling->images
       << " image(s) per call = " << sampling->perImage << " ("
       << formatWithUnit(sampling->perImage) << ") per image\n";
  if (!uncosted.empty()) {
    os << "not costed (no cost model): ";
    llvm::interleaveComma(uncosted, os);
    os << "\n";
  }
}

/// Returns the JSON object of the figures of `row`.
static llvm::json::Object toJson(const Row &row) {
  llvm::json::Object object{
      {"count", row.count}, {"macs", row.macs},
      {"flops", row.flops}, {"transcendentals", row.transcendentals},
      {"bytes", row.bytes}, {"kernels", row.kernels}};
  if (row.bytes > 0)
    object["intensity"] =
        static_cast<double>(row.flops) / static_cast<double>(row.bytes);
  if (row.timeUs)
    object["time_us"] = *row.timeUs;
  return object;
}

void DiTCostReportPass::printJson(raw_ostream &os, ArrayRef<Row> rows,
                                  const Row &total,
                                  const std::optional<Sampling> &sampling,
                                  ArrayRef<std::string> uncosted) {
  llvm::json::Array groups;
  for (const Row &row : rows) {
    llvm::json::Object object = toJson(row);
    object["name"] = row.name;
    groups.push_back(std::move(object));
  }
  llvm::json::Object report{
      {"convention", stringifyCostConvention(convention)},
      {"total", toJson(total)},
      {"groups", std::move(groups)},
  };
  if (gpu)
    report["target"] = gpu->name;
  if (sampling)
    report["sampling"] = llvm::json::Object{{"steps", sampling->steps},
                                            {"images", sampling->images},
                                            {"per_image", sampling->perImage}};
  if (!uncosted.empty())
    report["uncosted_ops"] = llvm::json::Array(uncosted);
  os << llvm::formatv("{0:2}", llvm::json::Value(std::move(report))) << "\n";
}

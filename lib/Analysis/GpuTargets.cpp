//===- GpuTargets.cpp - GPU descriptions for the roofline -----------------===//
//
// Parses the embedded data/gpu-targets.json once.
//
//===----------------------------------------------------------------------===//

#include "dit/Analysis/GpuTargets.h"

#include "mlir/IR/Types.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/JSON.h"

#include <vector>

using namespace dit;

/// The contents of data/gpu-targets.json.
static const char *const kGpuTargetsJson =
#include "GpuTargets.json.inc"
    ;

double GpuTarget::contractionFlopsPerSecond(mlir::Type elementType) const {
  double tflops = fp32Tflops;
  if (elementType.isBF16())
    tflops = bf16Tflops;
  else if (elementType.isF16())
    tflops = fp16Tflops;
  return tflops * 1e12;
}

/// Parses the embedded table; the build's own data, so a malformed table is
/// a build defect, not a user error.
static std::vector<GpuTarget> parseTargets() {
  llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(kGpuTargetsJson);
  if (!parsed)
    llvm::report_fatal_error("data/gpu-targets.json is not valid JSON");
  const llvm::json::Object *root = parsed->getAsObject();
  const llvm::json::Array *targets = root ? root->getArray("targets") : nullptr;
  std::optional<double> launch =
      root ? root->getNumber("launch_overhead_us") : std::nullopt;
  if (!targets || !launch)
    llvm::report_fatal_error("data/gpu-targets.json lacks targets");
  std::vector<GpuTarget> result;
  for (const llvm::json::Value &value : *targets) {
    const llvm::json::Object *entry = value.getAsObject();
    auto number = [&](llvm::StringRef key) {
      std::optional<double> field =
          entry ? entry->getNumber(key) : std::nullopt;
      if (!field)
        llvm::report_fatal_error("data/gpu-targets.json: missing field");
      return *field;
    };
    GpuTarget target;
    target.name = entry->getString("name").value_or("").str();
    target.display = entry->getString("display").value_or("").str();
    target.bf16Tflops = number("bf16_tflops");
    target.fp16Tflops = number("fp16_tflops");
    target.tf32Tflops = number("tf32_tflops");
    target.fp32Tflops = number("fp32_tflops");
    target.memoryTbps = number("memory_tbps");
    target.sms = static_cast<int64_t>(number("sms"));
    target.l2Mb = static_cast<int64_t>(number("l2_mb"));
    target.launchOverheadUs = *launch;
    result.push_back(std::move(target));
  }
  return result;
}

llvm::ArrayRef<GpuTarget> dit::getGpuTargets() {
  static const std::vector<GpuTarget> targets = parseTargets();
  return targets;
}

const GpuTarget *dit::lookupGpuTarget(llvm::StringRef name) {
  for (const GpuTarget &target : getGpuTargets())
    if (target.name == name)
      return &target;
  return nullptr;
}

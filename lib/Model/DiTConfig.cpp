//===- DiTConfig.cpp - DiT model configurations ---------------------------===//
//
// The preset table of the DiT paper and validation of a configuration.
//
//===----------------------------------------------------------------------===//

#include "dit/Model/DiTConfig.h"
#include "dit/Interfaces/CostOpInterface.h"

#include "llvm/Support/MathExtras.h"

#include <fmt/format.h>

using namespace dit;
using llvm::ArrayRef;
using llvm::StringRef;

ArrayRef<ModelPreset> dit::getModelPresets() {
  // DiT paper, Table 1.
  static const ModelPreset presets[] = {
      {"S", 12, 384, 6},
      {"B", 12, 768, 12},
      {"L", 24, 1024, 16},
      {"XL", 28, 1152, 16},
  };
  return presets;
}

ArrayRef<int64_t> dit::getPaperPatchSizes() {
  static const int64_t sizes[] = {2, 4, 8};
  return sizes;
}

StringRef dit::stringifyModelDType(ModelDType dtype) {
  switch (dtype) {
  case ModelDType::F32:
    return "f32";
  case ModelDType::F16:
    return "f16";
  case ModelDType::BF16:
    return "bf16";
  }
  llvm_unreachable("unknown dtype");
}

std::optional<DiTConfig> dit::lookupPaperModel(StringRef name) {
  for (const ModelPreset &preset : getModelPresets()) {
    for (int64_t patch : getPaperPatchSizes()) {
      if (name != fmt::format("DiT-{}/{}", preset.size.str(), patch))
        continue;
      DiTConfig config;
      config.name = name.str();
      config.depth = preset.depth;
      config.hidden = preset.hidden;
      config.heads = preset.heads;
      config.patch = patch;
      return config;
    }
  }
  return std::nullopt;
}

std::optional<std::string> DiTConfig::validate() const {
  struct {
    const char *option;
    int64_t value;
  } positives[] = {{"depth", depth},
                   {"hidden", hidden},
                   {"heads", heads},
                   {"patch", patch},
                   {"image-size", imageSize},
                   {"batch", batch},
                   {"in-channels", inChannels},
                   {"num-classes", numClasses}};
  for (const auto &[option, value] : positives)
    if (value <= 0)
      return fmt::format("--{} must be positive, got {}", option, value);
  if (hidden % heads != 0)
    return fmt::format("--heads ({}) must divide --hidden ({})", heads, hidden);
  if (hidden % 4 != 0)
    return fmt::format("--hidden ({}) must be divisible by 4 for the 2D "
                       "sin-cos positional embedding",
                       hidden);
  // The latent is imageSize / 8 and must split into whole patches.
  std::optional<int64_t> multiple = checkedProduct({kVaeDownsampling, patch});
  if (!multiple || imageSize % *multiple != 0)
    return fmt::format("--image-size ({}) must be a multiple of 8 x patch "
                       "size ({})",
                       imageSize, patch);
  if (cfg && (cfgChannels <= 0 || cfgChannels > outChannels()))
    return fmt::format("--cfg-channels ({}) must be between 1 and the {} "
                       "output channels",
                       cfgChannels, outChannels());
  // The largest tensors are the attention scores [2N, H, T, T] and the
  // MLP activations; refuse shapes whose sizes do not fit 64 bits.
  if (!checkedProduct({gridSize(), gridSize()}) ||
      !checkedProduct({2, batch, heads, tokens(), tokens(), 8}) ||
      !checkedProduct({2, batch, tokens(), kMlpRatio, hidden, 8}) ||
      !checkedProduct({kMlpRatio, hidden, hidden, depth, 8}) ||
      !checkedProduct({2, batch, inChannels, imageSize, imageSize, 8}) ||
      !checkedProduct(
          {numClasses + (numClasses < INT64_MAX ? 1 : 0), hidden, 8}) ||
      numClasses == INT64_MAX)
    return std::string("the model is too large: tensor sizes overflow "
                       "64-bit integers");
  return std::nullopt;
}

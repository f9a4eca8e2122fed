//===- DiTConfig.h - DiT model configurations -------------------*- C++ -*-===//
//
// The DiT model presets (the single table of DiT-S/B/L/XL) and the full
// configuration of one generated model, with its derived shapes.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_MODEL_DITCONFIG_H
#define DIT_MODEL_DITCONFIG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace dit {

/// One row of the DiT paper's model table (Table 1).
struct ModelPreset {
  /// Size name: "S", "B", "L" or "XL".
  llvm::StringLiteral size;
  int64_t depth;
  int64_t hidden;
  int64_t heads;
};

/// Returns the DiT-S/B/L/XL presets, the one source of these numbers.
llvm::ArrayRef<ModelPreset> getModelPresets();

/// Returns the patch sizes of the paper's models (2, 4, 8).
llvm::ArrayRef<int64_t> getPaperPatchSizes();

/// Element type of activations and weights.
enum class ModelDType { F32, F16, BF16 };

/// Returns "f32", "f16" or "bf16".
llvm::StringRef stringifyModelDType(ModelDType dtype);

/// The full description of one generated DiT forward pass.
struct DiTConfig {
  /// "DiT-XL/2" for a paper model, "custom" otherwise.
  std::string name = "custom";
  int64_t depth = 0;
  int64_t hidden = 0;
  int64_t heads = 0;
  int64_t patch = 0;
  int64_t imageSize = 256;
  int64_t batch = 1;
  int64_t inChannels = 4;
  int64_t numClasses = 1000;
  bool learnSigma = true;
  ModelDType dtype = ModelDType::F32;
  /// Classifier-free guidance: run the doubled batch and combine.
  bool cfg = false;
  /// Latent channels guidance applies to (the reference guides 3).
  int64_t cfgChannels = 3;

  /// Fixed by the DiT recipe: VAE downsampling, MLP ratio, timestep
  /// frequency features, layer-norm epsilon.
  static constexpr int64_t kVaeDownsampling = 8;
  static constexpr int64_t kMlpRatio = 4;
  static constexpr int64_t kFrequencyDim = 256;
  static constexpr double kLayerNormEpsilon = 1e-6;

  int64_t latentSize() const { return imageSize / kVaeDownsampling; }
  int64_t gridSize() const { return latentSize() / patch; }
  int64_t tokens() const { return gridSize() * gridSize(); }
  int64_t headDim() const { return hidden / heads; }
  int64_t outChannels() const {
    return learnSigma ? 2 * inChannels : inChannels;
  }
  /// Batch the network runs on (doubled with guidance).
  int64_t networkBatch() const { return cfg ? 2 * batch : batch; }

  /// Returns a description of the first invalid setting, or std::nullopt if
  /// the configuration describes a model that can be built.
  std::optional<std::string> validate() const;
};

/// Returns the configuration of paper model `name` ("DiT-XL/2"), or
/// std::nullopt if there is no such model.
std::optional<DiTConfig> lookupPaperModel(llvm::StringRef name);

} // namespace dit

#endif // DIT_MODEL_DITCONFIG_H

//===- Passes.h - dit-level fusion passes -----------------------*- C++ -*-===//
//
// Declares the dit fusion passes and their pattern-population entry points.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_DIALECT_DIT_TRANSFORMS_PASSES_H
#define DIT_DIALECT_DIT_TRANSFORMS_PASSES_H

#include "dialects/DiT/IR/DiTDialect.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

#include <functional>

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace dit {

/// Decides whether a fusion rooted at the given (consumer) op happens; a
/// cost model can veto it. The default fuses everything it matches.
using FusionControlFn = std::function<bool(mlir::Operation *)>;

/// layer_norm + modulate -> layer_norm_modulate.
void populateFuseLayerNormModulatePatterns(mlir::RewritePatternSet &patterns,
                                           const FusionControlFn &control);
/// q k^T, scale, softmax, attn v -> attention.
void populateFuseAttentionPatterns(mlir::RewritePatternSet &patterns,
                                   const FusionControlFn &control);
/// linear + gelu -> linear_gelu; linear + gated_residual ->
/// linear_gated_residual.
void populateFuseLinearEpiloguePatterns(mlir::RewritePatternSet &patterns,
                                        const FusionControlFn &control);
/// add(patch_embed, pos_embed) -> patch_embed {add_pos_embed}.
void populateFusePatchEmbedPatterns(mlir::RewritePatternSet &patterns,
                                    const FusionControlFn &control);
/// Merges the adaLN linears reading the same SiLU(c) in `root`'s functions.
/// Returns the number of linears merged away.
int64_t fuseAdaLNLinears(mlir::Operation *root, const FusionControlFn &control);

#define GEN_PASS_DECL
#include "dialects/DiT/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dialects/DiT/Transforms/Passes.h.inc"

} // namespace dit

#endif // DIT_DIALECT_DIT_TRANSFORMS_PASSES_H

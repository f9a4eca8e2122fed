//===- ModelBuilder.h - build a DiT forward pass as dit IR ------*- C++ -*-===//
//
// Builds the module dit-gen emits: one function computing the eager DiT
// forward pass of a configuration, with the PyTorch state-dict names and
// shapes of its parameters.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_MODEL_MODELBUILDER_H
#define DIT_MODEL_MODELBUILDER_H

#include "dit/Model/DiTConfig.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace dit {

/// Name of the generated entry function.
inline constexpr llvm::StringLiteral kForwardFunctionName = "forward";

/// Builds the forward pass of `config` (which must validate). The dit
/// dialect and func dialect must be loaded in `context`.
mlir::OwningOpRef<mlir::ModuleOp> buildDiTModule(mlir::MLIRContext *context,
                                                 const DiTConfig &config);

} // namespace dit

#endif // DIT_MODEL_MODELBUILDER_H

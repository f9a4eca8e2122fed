//===- DiTDialect.h - the dit dialect ---------------------------*- C++ -*-===//
//
// Declares the dit dialect.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_DIALECT_DIT_IR_DITDIALECT_H
#define DIT_DIALECT_DIT_IR_DITDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dialects/DiT/IR/DiTDialect.h.inc"

namespace dit {
/// Argument attribute: an entry argument's input name (x, t, y, cfg_scale)
/// or PyTorch state-dict name (blocks.0.attn.qkv.weight).
inline constexpr llvm::StringLiteral kArgNameAttr = "dit.name";
/// Module attribute: how many images one call of the entry function
/// produces (the batch; with guidance, half the network batch).
inline constexpr llvm::StringLiteral kImagesPerCallAttr = "dit.images_per_call";
/// Module attribute: the configuration a generated module was built from.
inline constexpr llvm::StringLiteral kConfigAttr = "dit.config";
} // namespace dit

#endif // DIT_DIALECT_DIT_IR_DITDIALECT_H

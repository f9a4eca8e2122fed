//===- Passes.h - dit conversion passes -------------------------*- C++ -*-===//
//
// Declares the passes that lower the dit dialect.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_CONVERSION_PASSES_H
#define DIT_CONVERSION_PASSES_H

#include "dit/Conversion/DiTToLinalg/DiTToLinalg.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace dit {

#define GEN_PASS_DECL
#include "dit/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dit/Conversion/Passes.h.inc"

} // namespace dit

#endif // DIT_CONVERSION_PASSES_H

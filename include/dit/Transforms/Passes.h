//===- Passes.h - transformations of lowered dit code -----------*- C++ -*-===//
//
// Declares the passes on linalg/vector/memref code.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_TRANSFORMS_PASSES_H
#define DIT_TRANSFORMS_PASSES_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace dit {

#define GEN_PASS_DECL
#include "dit/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dit/Transforms/Passes.h.inc"

} // namespace dit

#endif // DIT_TRANSFORMS_PASSES_H

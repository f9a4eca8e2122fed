//===- UpstreamCostModels.h - CostOpInterface for upstream ops --*- C++ -*-===//
//
// External models that give upstream ops (linalg structured ops, tensor,
// arith and math) the CostOpInterface, so that the cost analysis works at
// every level of lowering.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_INTERFACES_UPSTREAMCOSTMODELS_H
#define DIT_INTERFACES_UPSTREAMCOSTMODELS_H

#include <cstdint>

namespace mlir {
class DialectRegistry;
class Operation;
} // namespace mlir

namespace dit {
struct OpCost;

/// Registers the CostOpInterface external models of upstream dialects.
void registerUpstreamCostModels(mlir::DialectRegistry &registry);

/// Adds to `cost` the flops and transcendentals of one execution of a scalar
/// op (an arith or math op, as found in a linalg body), multiplied by
/// `count`: 1 flop per float add, sub, mul, div, max, min, compare, select,
/// negate; 2 per fma; 1 transcendental per exp, log, tanh, sin, cos, sqrt,
/// rsqrt, erf, pow and the like; casts, constants and integer/index
/// arithmetic cost nothing.
void addScalarOpCost(mlir::Operation *op, int64_t count, OpCost &cost);

} // namespace dit

#endif // DIT_INTERFACES_UPSTREAMCOSTMODELS_H

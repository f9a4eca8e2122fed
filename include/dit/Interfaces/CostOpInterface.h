//===- CostOpInterface.h - per-op cost facts --------------------*- C++ -*-===//
//
// OpCost, the exact integer cost record every op reports, and the generated
// CostOpInterface.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_INTERFACES_COSTOPINTERFACE_H
#define DIT_INTERFACES_COSTOPINTERFACE_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Support/LLVM.h"

#include <cstdint>
#include <initializer_list>

namespace dit {

/// The cost of one execution of an op (or of a group of ops). All fields are
/// exact integers; arithmetic on them is checked and sets `overflow` instead
/// of wrapping.
struct OpCost {
  /// Multiply-accumulates of contractions.
  int64_t macs = 0;
  /// Every arithmetic operation (2 per MAC).
  int64_t flops = 0;
  /// exp, tanh, sin, cos, rsqrt, sqrt, log, erf.
  int64_t transcendentals = 0;
  /// Bytes of the tensors the op reads.
  int64_t bytesRead = 0;
  /// Bytes of the tensors the op writes.
  int64_t bytesWritten = 0;
  /// What fvcore's FlopCountAnalysis counts for the modelled PyTorch op.
  int64_t fvcore = 0;
  /// Set when any checked operation overflowed 64 bits.
  bool overflow = false;
  /// Set when a tensor's size was unknown (dynamic shape or an element type
  /// without a size): the byte counts are then lower bounds.
  bool incomplete = false;

  /// Returns the product of `factors`, setting `overflow` if it does not fit.
  int64_t product(std::initializer_list<int64_t> factors);
  /// Returns the element count of a statically shaped type, checked (1 for
  /// scalars; sets `incomplete` for dynamic shapes).
  int64_t elements(mlir::Type type);
  /// Adds `value` to `field` (one of this record's counters), checked.
  void add(int64_t &field, int64_t value);
  /// Adds `macs` multiply-accumulates: 2 flops each, 1 fvcore each.
  void addContraction(int64_t macs);
  /// Adds the bytes of `type` (a statically shaped tensor or memref) to the
  /// bytes read.
  void addRead(mlir::Type type);
  /// Adds the bytes of `type` to the bytes written.
  void addWritten(mlir::Type type);
  /// Adds the bytes of every operand to the bytes read and of every result to
  /// the bytes written.
  void addOperandsAndResults(mlir::Operation *op);
  /// Adds all counters of `other`, checked.
  OpCost &operator+=(const OpCost &other);
  /// Total bytes moved (read + written), checked.
  int64_t bytes();
};

/// Returns the product of `factors`, or std::nullopt if it overflows 64 bits.
std::optional<int64_t> checkedProduct(llvm::ArrayRef<int64_t> factors);

/// Returns the number of bytes a statically shaped tensor or memref occupies
/// (elements x ceil(bit width / 8)), 0 for other types, or std::nullopt for a
/// dynamic shape or an element type without a known size.
std::optional<int64_t> getTypeBytes(mlir::Type type);

} // namespace dit

#include "dit/Interfaces/CostOpInterface.h.inc"

#endif // DIT_INTERFACES_COSTOPINTERFACE_H

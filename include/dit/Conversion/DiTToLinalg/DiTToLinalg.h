//===- DiTToLinalg.h - lower dit to linalg ----------------------*- C++ -*-===//
//
// Patterns lowering every dit op to linalg/tensor/arith/math on tensors.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_CONVERSION_DITTOLINALG_DITTOLINALG_H
#define DIT_CONVERSION_DITTOLINALG_DITTOLINALG_H

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace dit {

/// Adds the patterns that rewrite each dit op into linalg, tensor, arith and
/// math ops on tensors.
void populateDiTToLinalgConversionPatterns(mlir::RewritePatternSet &patterns);

} // namespace dit

#endif // DIT_CONVERSION_DITTOLINALG_DITTOLINALG_H

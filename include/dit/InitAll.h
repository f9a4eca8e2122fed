//===- InitAll.h - register everything dit tools need -----------*- C++ -*-===//
//
// Registration of the dit dialect, its interfaces' external models and the
// project's passes.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_INITALL_H
#define DIT_INITALL_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace dit {

/// Adds the dit dialect and the upstream dialects dit IR and its lowerings
/// use, with the CostOpInterface external models, to `registry`.
void registerAllDiTDialects(mlir::DialectRegistry &registry);

/// Registers all dit passes and pipelines.
void registerAllDiTPasses();

} // namespace dit

#endif // DIT_INITALL_H

//===- Passes.h - analysis printing passes ----------------------*- C++ -*-===//
//
// Declares the passes that print dit analyses.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_ANALYSIS_PASSES_H
#define DIT_ANALYSIS_PASSES_H

#include "dit/Analysis/CostAnalysis.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace dit {

#define GEN_PASS_DECL
#include "dit/Analysis/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "dit/Analysis/Passes.h.inc"

} // namespace dit

#endif // DIT_ANALYSIS_PASSES_H

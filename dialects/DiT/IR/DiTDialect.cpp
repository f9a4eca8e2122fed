//===- DiTDialect.cpp - the dit dialect -----------------------------------===//
//
// Registers the dit dialect's operations.
//
//===----------------------------------------------------------------------===//

#include "dialects/DiT/IR/DiTDialect.h"
#include "dialects/DiT/IR/DiTOps.h"

using namespace mlir;
using namespace dit;

#include "dialects/DiT/IR/DiTDialect.cpp.inc"

void DiTDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialects/DiT/IR/DiTOps.cpp.inc"
      >();
}

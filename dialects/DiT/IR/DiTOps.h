//===- DiTOps.h - dit dialect operations ------------------------*- C++ -*-===//
//
// Declares the operations and enums of the dit dialect.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_DIALECT_DIT_IR_DITOPS_H
#define DIT_DIALECT_DIT_IR_DITOPS_H

#include "dialects/DiT/IR/DiTDialect.h"
#include "dit/Interfaces/CostOpInterface.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/DiT/IR/DiTEnums.h.inc"

#define GET_OP_CLASSES
#include "dialects/DiT/IR/DiTOps.h.inc"

#endif // DIT_DIALECT_DIT_IR_DITOPS_H

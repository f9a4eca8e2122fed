//===- dit-opt.cpp - the dit optimizer driver -----------------------------===//
//
// mlir-opt with the dit dialect, its cost models and passes, plus every
// upstream dialect and pass.
//
//===----------------------------------------------------------------------===//

#include "dit/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  dit::registerAllDiTPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  dit::registerAllDiTDialects(registry);

  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "dit optimizer driver\n", registry));
}

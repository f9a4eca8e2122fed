//===- InitAll.cpp - register everything dit tools need -------------------===//
//
// One place that lists the project's dialects, external models and passes.
//
//===----------------------------------------------------------------------===//

#include "dit/InitAll.h"
#include "dialects/DiT/IR/DiTDialect.h"
#include "dialects/DiT/Transforms/Passes.h"
#include "dit/Analysis/Passes.h"
#include "dit/Conversion/Passes.h"
#include "dit/Interfaces/UpstreamCostModels.h"
#include "dit/Pipelines/Pipelines.h"
#include "dit/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"

void dit::registerAllDiTDialects(mlir::DialectRegistry &registry) {
  registry.insert<dit::DiTDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect, mlir::linalg::LinalgDialect,
                  mlir::math::MathDialect, mlir::tensor::TensorDialect>();
  registerUpstreamCostModels(registry);
}

void dit::registerAllDiTPasses() {
  registerDiTAnalysisPasses();
  registerDiTConversionPasses();
  registerDiTTransformsPasses();
  registerDiTFusionPasses();
  registerPipelines();
}

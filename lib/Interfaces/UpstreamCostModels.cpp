//===- UpstreamCostModels.cpp - CostOpInterface for upstream ops ----------===//
//
// External CostOpInterface models for linalg structured ops (from their
// iteration domain and payload), tensor data-movement ops, and arith/math
// ops. A linalg op is a contraction when it implements linalg's contraction
// or convolution interface, which also recognizes `linalg.generic` ops whose
// payload is a multiply-accumulate reduction; its MACs are the size of its
// iteration domain.
//
//===----------------------------------------------------------------------===//

#include "dit/Interfaces/UpstreamCostModels.h"
#include "dit/Interfaces/CostOpInterface.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Interfaces/CastInterfaces.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace dit;

/// Returns true if `op` is a math op computing a transcendental function.
static bool isTranscendental(Operation *op) {
  if (!isa<math::MathDialect>(op->getDialect()))
    return false;
  return llvm::StringSwitch<bool>(op->getName().stripDialect())
      .Cases({"exp", "exp2", "expm1", "log", "log2", "log10", "log1p"}, true)
      .Cases({"tanh", "sin", "cos", "tan", "sinh", "cosh", "asin", "acos"},
             true)
      .Cases({"atan", "atan2", "asinh", "acosh", "atanh", "sincos"}, true)
      .Cases({"sqrt", "rsqrt", "cbrt", "erf", "erfc", "powf", "fpowi"}, true)
      .Default(false);
}

/// Returns true if any operand or result of `op` has a floating-point
/// (element) type.
static bool touchesFloats(Operation *op) {
  auto isFloat = [](Type type) {
    return isa<FloatType>(getElementTypeOrSelf(type));
  };
  return llvm::any_of(op->getOperandTypes(), isFloat) ||
         llvm::any_of(op->getResultTypes(), isFloat);
}

void dit::addScalarOpCost(Operation *op, int64_t count, OpCost &cost) {
  if (op->hasTrait<OpTrait::ConstantLike>() || isa<CastOpInterface>(op))
    return;
  if (isTranscendental(op)) {
    cost.add(cost.transcendentals, count);
    return;
  }
  bool arithmetic =
      isa<arith::ArithDialect, math::MathDialect>(op->getDialect());
  if (!arithmetic || !touchesFloats(op))
    return;
  cost.add(cost.flops, cost.product({isa<math::FmaOp>(op) ? 2 : 1, count}));
}

namespace {

/// linalg structured ops: payload cost times the iteration-domain size.
template <typename OpTy>
struct LinalgCostModel
    : public CostOpInterface::ExternalModel<LinalgCostModel<OpTy>, OpTy> {
  FailureOr<OpCost> computeCost(Operation *op) const {
    auto linalgOp = cast<linalg::LinalgOp>(op);
    OpCost cost;
    int64_t domain = 1;
    for (int64_t range : linalgOp.getStaticLoopRanges()) {
      if (ShapedType::isDynamic(range))
        return op->emitError("cannot compute the cost of an op with a "
                             "dynamic iteration domain");
      domain = cost.product({domain, range});
    }
    for (OpOperand *input : linalgOp.getDpsInputOperands())
      cost.addRead(input->get().getType());
    for (OpOperand &init : linalgOp.getDpsInitsMutable()) {
      // An init is read only when the payload uses its value (reductions,
      // accumulation); it is always written.
      if (linalgOp.payloadUsesValueFromOperand(&init))
        cost.addRead(init.get().getType());
      cost.addWritten(init.get().getType());
    }
    // Pooling ops also match the convolution interface: only a payload that
    // multiplies makes a convolution a contraction.
    bool multiplies = llvm::any_of(
        linalgOp.getBlock()->getOperations(), [](Operation &nested) {
          return isa<arith::MulFOp, arith::MulIOp>(nested);
        });
    if (linalg::isaContractionOpInterface(linalgOp) ||
        (linalg::isaConvolutionOpInterface(linalgOp) && multiplies)) {
      cost.addContraction(domain);
      return cost;
    }
    linalgOp.getBlock()->walk(
        [&](Operation *nested) { addScalarOpCost(nested, domain, cost); });
    return cost;
  }
};

/// Views and metadata ops: move no data.
template <typename OpTy>
struct ViewCostModel
    : public CostOpInterface::ExternalModel<ViewCostModel<OpTy>, OpTy> {
  FailureOr<OpCost> computeCost(Operation *) const { return OpCost(); }
};

/// Copies: read every tensor operand, write every tensor result.
template <typename OpTy>
struct CopyCostModel
    : public CostOpInterface::ExternalModel<CopyCostModel<OpTy>, OpTy> {
  FailureOr<OpCost> computeCost(Operation *op) const {
    OpCost cost;
    cost.addOperandsAndResults(op);
    return cost;
  }
};

/// tensor.insert_slice: reads the inserted slice and writes it into place.
struct InsertSliceCostModel
    : public CostOpInterface::ExternalModel<InsertSliceCostModel,
                                            tensor::InsertSliceOp> {
  FailureOr<OpCost> computeCost(Operation *op) const {
    OpCost cost;
    Type source = cast<tensor::InsertSliceOp>(op).getSourceType();
    cost.addRead(source);
    cost.addWritten(source);
    return cost;
  }
};

/// tensor.generate: writes its result; payload cost per element.
struct GenerateCostModel
    : public CostOpInterface::ExternalModel<GenerateCostModel,
                                            tensor::GenerateOp> {
  FailureOr<OpCost> computeCost(Operation *op) const {
    OpCost cost;
    Type result = op->getResult(0).getType();
    cost.addWritten(result);
    int64_t elements = cost.elements(result);
    op->getRegion(0).walk(
        [&](Operation *nested) { addScalarOpCost(nested, elements, cost); });
    return cost;
  }
};

/// arith and math ops outside linalg payloads (on scalars or tensors).
template <typename OpTy>
struct ScalarCostModel
    : public CostOpInterface::ExternalModel<ScalarCostModel<OpTy>, OpTy> {
  FailureOr<OpCost> computeCost(Operation *op) const {
    OpCost cost;
    if (op->hasTrait<OpTrait::ConstantLike>())
      return cost;
    int64_t elements = 1;
    for (Type type : op->getOperandTypes())
      elements = std::max(elements, cost.elements(type));
    addScalarOpCost(op, elements, cost);
    cost.addOperandsAndResults(op);
    return cost;
  }
};

/// Attaches `Model<Op>` to every op in `Ops`.
template <template <typename> class Model, typename... Ops>
static void attachAll(MLIRContext *ctx) {
  (Ops::template attachInterface<Model<Ops>>(*ctx), ...);
}

} // namespace

void dit::registerUpstreamCostModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, linalg::LinalgDialect *) {
    attachAll<LinalgCostModel,
#define GET_OP_LIST
#include "mlir/Dialect/Linalg/IR/LinalgStructuredOps.cpp.inc"
              >(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, tensor::TensorDialect *) {
    attachAll<ViewCostModel, tensor::EmptyOp, tensor::ExtractSliceOp,
              tensor::ExpandShapeOp, tensor::CollapseShapeOp, tensor::ReshapeOp,
              tensor::CastOp, tensor::BitcastOp, tensor::ExtractOp,
              tensor::InsertOp, tensor::DimOp, tensor::RankOp>(ctx);
    attachAll<CopyCostModel, tensor::ConcatOp, tensor::PadOp, tensor::SplatOp,
              tensor::FromElementsOp>(ctx);
    tensor::InsertSliceOp::attachInterface<InsertSliceCostModel>(*ctx);
    tensor::GenerateOp::attachInterface<GenerateCostModel>(*ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, arith::ArithDialect *) {
    attachAll<ScalarCostModel,
#define GET_OP_LIST
#include "mlir/Dialect/Arith/IR/ArithOps.cpp.inc"
              >(ctx);
  });
  registry.addExtension(+[](MLIRContext *ctx, math::MathDialect *) {
    attachAll<ScalarCostModel,
#define GET_OP_LIST
#include "mlir/Dialect/Math/IR/MathOps.cpp.inc"
              >(ctx);
  });
}

//===- DiTCost.cpp - cost of the dit operations ---------------------------===//
//
// CostOpInterface implementations of the dit ops, following the conventions
// of docs/CostModel.md ("the full convention"): 2 flops per MAC, 1 per
// elementwise add/mul/div/max/compare, transcendentals counted apart.
// Shapes are static (verified), so every figure is an exact integer.
//
//===----------------------------------------------------------------------===//

#include "dialects/DiT/IR/DiTOps.h"

using namespace mlir;
using namespace dit;

/// Returns the size of the last dimension of a ranked value.
static int64_t lastDim(Value value) {
  return cast<ShapedType>(value.getType()).getShape().back();
}

/// Returns the cost of an op that only moves its operands into its results.
static OpCost movementCost(Operation *op) {
  OpCost cost;
  cost.addOperandsAndResults(op);
  return cost;
}

/// Returns the cost of an elementwise op over `elements` elements with
/// `flopsPerElement` flops and `transcendentalsPerElement` transcendentals.
static OpCost elementwiseCost(Operation *op, Value shaped,
                              int64_t flopsPerElement,
                              int64_t transcendentalsPerElement = 0) {
  OpCost cost = movementCost(op);
  int64_t elements = cost.elements(shaped.getType());
  cost.add(cost.flops, cost.product({flopsPerElement, elements}));
  cost.add(cost.transcendentals,
           cost.product({transcendentalsPerElement, elements}));
  return cost;
}

FailureOr<OpCost> PatchEmbedOp::computeCost() {
  OpCost cost = movementCost(*this);
  ArrayRef<int64_t> w = getWeight().getType().getShape();
  // One MAC per (output element, input channel, kernel position).
  cost.addContraction(
      cost.product({cost.elements(getResult().getType()), w[1], w[2], w[3]}));
  cost.add(cost.flops, cost.elements(getResult().getType())); // bias
  if (getAddPosEmbed()) {
    // The positional-embedding add; its [T, D] table is read once.
    ArrayRef<int64_t> out = getResult().getType().getShape();
    cost.add(cost.flops, cost.elements(getResult().getType()));
    cost.add(cost.bytesRead,
             cost.product(
                 {out[1], out[2],
                  (getResult().getType().getElementTypeBitWidth() + 7) / 8}));
  }
  return cost;
}

FailureOr<OpCost> PosEmbedOp::computeCost() {
  // A constant of the shape: computed at compile time, read by its user.
  return OpCost();
}

FailureOr<OpCost> TimestepSinusoidOp::computeCost() {
  // t * f_i per (sample, frequency), then one cos and one sin.
  OpCost cost = movementCost(*this);
  int64_t products = cost.elements(getResult().getType()) / 2;
  cost.add(cost.flops, products);
  cost.add(cost.transcendentals, cost.product({2, products}));
  return cost;
}

FailureOr<OpCost> LabelEmbedOp::computeCost() { return movementCost(*this); }

FailureOr<OpCost> LinearOp::computeCost() {
  OpCost cost = movementCost(*this);
  cost.addContraction(cost.product(
      {cost.elements(getResult().getType()), lastDim(getInput())}));
  if (getBias())
    cost.add(cost.flops, cost.elements(getResult().getType()));
  return cost;
}

FailureOr<OpCost> BatchMatmulOp::computeCost() {
  OpCost cost = movementCost(*this);
  cost.addContraction(
      cost.product({cost.elements(getResult().getType()), lastDim(getLhs())}));
  return cost;
}

/// Adds the flops, transcendentals and fvcore count of a layer norm without
/// affine parameters over `input` (its rows are the last dimension): per
/// element mean add, subtract, square, variance add, scale; per row mean
/// divide, variance divide, epsilon add and one rsqrt; fvcore's layer_norm
/// handle counts 4 per element.
static void addLayerNormCost(OpCost &cost, Value input) {
  int64_t elements = cost.elements(input.getType());
  int64_t width = lastDim(input);
  int64_t rows = width ? elements / width : 0;
  cost.add(cost.flops, cost.product({5, elements}));
  cost.add(cost.flops, cost.product({3, rows}));
  cost.add(cost.transcendentals, rows);
  cost.add(cost.fvcore, cost.product({4, elements}));
}

FailureOr<OpCost> LayerNormOp::computeCost() {
  OpCost cost = movementCost(*this);
  addLayerNormCost(cost, getInput());
  if (getWeight()) {
    // The affine mul and add; fvcore counts 5 per element instead of 4.
    int64_t elements = cost.elements(getInput().getType());
    cost.add(cost.flops, cost.product({2, elements}));
    cost.add(cost.fvcore, elements);
  }
  return cost;
}

FailureOr<OpCost> ModulateOp::computeCost() {
  // x * s' + shift per element, s' = 1 + scale once per (sample, channel).
  OpCost cost = elementwiseCost(*this, getInput(), 2);
  cost.add(cost.flops, cost.elements(getScale().getType()));
  return cost;
}

FailureOr<OpCost> GatedResidualOp::computeCost() {
  return elementwiseCost(*this, getInput(), 2);
}

FailureOr<OpCost> AddOp::computeCost() {
  return elementwiseCost(*this, getResult(), 1);
}

FailureOr<OpCost> ScaleOp::computeCost() {
  return elementwiseCost(*this, getResult(), 1);
}

FailureOr<OpCost> SoftmaxOp::computeCost() {
  // max, subtract, exp, sum, divide: 4 flops and 1 exp per element.
  return elementwiseCost(*this, getResult(), 4, 1);
}

FailureOr<OpCost> GeluOp::computeCost() {
  // tanh form: x^3 (2 mul), * 0.044715, + x, * c, tanh, + 1, * x, * 0.5.
  // exact form: / sqrt 2, erf, + 1, * x, * 0.5.
  bool tanh = getApproximation() == GeluApproximation::Tanh;
  return elementwiseCost(*this, getResult(), tanh ? 8 : 4, 1);
}

FailureOr<OpCost> SiluOp::computeCost() {
  // negate, exp, + 1, divide.
  return elementwiseCost(*this, getResult(), 3, 1);
}

FailureOr<OpCost> ChunkOp::computeCost() {
  // A view of its input: no data moves.
  return OpCost();
}

FailureOr<OpCost> SplitHeadsOp::computeCost() { return movementCost(*this); }

FailureOr<OpCost> MergeHeadsOp::computeCost() { return movementCost(*this); }

FailureOr<OpCost> UnpatchifyOp::computeCost() {
  OpCost cost = movementCost(*this);
  // fvcore counts the reference's einsum("nhwpqc->nchpwq") through numpy's
  // einsum_path, which charges a pure permutation numel / 2.
  cost.add(cost.fvcore, cost.elements(getInput().getType()) / 2);
  return cost;
}

FailureOr<OpCost> CfgBatchOp::computeCost() { return movementCost(*this); }

FailureOr<OpCost> CfgCombineOp::computeCost() {
  ArrayRef<int64_t> out = getResult().getType().getShape();
  OpCost cost = movementCost(*this);
  // u + s * (c - u): subtract, multiply, add per guided element.
  cost.add(cost.flops,
           cost.product(
               {3, out[0], getGuidedChannelsAttr().getInt(), out[2], out[3]}));
  return cost;
}

FailureOr<OpCost> LayerNormModulateOp::computeCost() {
  // The layer norm's and modulate's arithmetic; only input, shift, scale and
  // the result touch memory.
  OpCost cost = movementCost(*this);
  addLayerNormCost(cost, getInput());
  cost.add(cost.flops, cost.product({2, cost.elements(getInput().getType())}));
  cost.add(cost.flops, cost.elements(getScale().getType()));
  return cost;
}

FailureOr<OpCost> AttentionOp::computeCost() {
  // q k^T and attn v (each T x T x head_dim MACs per head), the scale and
  // the softmax on the T x T scores, which stay on chip.
  OpCost cost = movementCost(*this);
  ArrayRef<int64_t> shape = getQuery().getType().getShape();
  int64_t scores = cost.product({shape[0], shape[1], shape[2], shape[2]});
  cost.addContraction(cost.product({2, scores, shape[3]}));
  cost.add(cost.flops, cost.product({5, scores}));
  cost.add(cost.transcendentals, scores);
  return cost;
}

FailureOr<OpCost> LinearGeluOp::computeCost() {
  OpCost cost = movementCost(*this);
  int64_t outputs = cost.elements(getResult().getType());
  cost.addContraction(cost.product({outputs, lastDim(getInput())}));
  cost.add(cost.flops, cost.product({1 + 8, outputs})); // bias, GELU
  cost.add(cost.transcendentals, outputs);
  return cost;
}

FailureOr<OpCost> LinearGatedResidualOp::computeCost() {
  OpCost cost = movementCost(*this);
  int64_t outputs = cost.elements(getResult().getType());
  cost.addContraction(cost.product({outputs, lastDim(getInput())}));
  cost.add(cost.flops, cost.product({1 + 2, outputs})); // bias, gate, add
  return cost;
}

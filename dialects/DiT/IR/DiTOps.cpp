//===- DiTOps.cpp - dit dialect operations --------------------------------===//
//
// Verifiers of the dit operations. Each checks only the op itself and names
// the exact relation that does not hold.
//
//===----------------------------------------------------------------------===//

#include "dialects/DiT/IR/DiTOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <limits>

using namespace mlir;
using namespace dit;

#include "dialects/DiT/IR/DiTEnums.cpp.inc"

#define GET_OP_CLASSES
#include "dialects/DiT/IR/DiTOps.cpp.inc"

/// Returns the shape of a ranked tensor value.
static ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

/// Formats a shape as `[a, b, c]` for diagnostics.
static std::string fmtShape(ArrayRef<int64_t> shape) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os);
  os << "]";
  return text;
}

/// Checks that `value` has rank `rank`; `what` names it in the diagnostic.
static LogicalResult verifyRank(Operation *op, Value value, int64_t rank,
                                StringRef what) {
  int64_t actual = shapeOf(value).size();
  if (actual == rank)
    return success();
  return op->emitOpError() << "expects " << what << " of rank " << rank
                           << ", got rank " << actual;
}

/// Checks that `value` has exactly the shape `expected`.
static LogicalResult verifyShape(Operation *op, Value value,
                                 ArrayRef<int64_t> expected, StringRef what) {
  if (shapeOf(value) == expected)
    return success();
  return op->emitOpError() << "expects " << what << " of shape "
                           << fmtShape(expected) << ", got "
                           << fmtShape(shapeOf(value));
}

/// Checks that all `values` share one element type (absent values skipped).
static LogicalResult verifySameElementType(Operation *op,
                                           ArrayRef<Value> values) {
  Type expected;
  for (Value value : values) {
    if (!value)
      continue;
    Type elementType = getElementTypeOrSelf(value.getType());
    if (!expected) {
      expected = elementType;
      continue;
    }
    if (elementType != expected)
      return op->emitOpError()
             << "expects all tensors to have the same element type, got "
             << expected << " and " << elementType;
  }
  return success();
}

/// Checks a per-sample `[N, D]` operand against `input: [N, ..., D]`.
static LogicalResult verifyPerSample(Operation *op, Value input,
                                     Value perSample, StringRef what) {
  ArrayRef<int64_t> shape = shapeOf(input);
  if (shape.size() < 2)
    return op->emitOpError()
           << "expects input of rank at least 2 ([N, ..., D]), got rank "
           << shape.size();
  return verifyShape(op, perSample, {shape.front(), shape.back()}, what);
}

//===----------------------------------------------------------------------===//
// PatchEmbedOp
//===----------------------------------------------------------------------===//

LogicalResult PatchEmbedOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input ([N, C, H, W])")) ||
      failed(verifyRank(*this, getWeight(), 4, "weight ([D, C, p, p])")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput());
  ArrayRef<int64_t> w = shapeOf(getWeight());
  if (w[2] != w[3])
    return emitOpError() << "expects a square patch, got weight kernel " << w[2]
                         << "x" << w[3];
  if (w[1] != in[1])
    return emitOpError() << "expects weight input channels (" << w[1]
                         << ") to match input channels (" << in[1] << ")";
  int64_t p = w[2];
  if (p <= 0)
    return emitOpError() << "expects a positive patch size, got " << p;
  if (in[2] % p != 0 || in[3] % p != 0)
    return emitOpError() << "expects the patch size (" << p
                         << ") to divide the input height and width, got "
                         << in[2] << "x" << in[3];
  if (failed(verifyShape(*this, getBias(), {w[0]}, "bias")))
    return failure();
  std::optional<int64_t> tokens = checkedProduct({in[2] / p, in[3] / p});
  if (!tokens)
    return emitOpError() << "expects a token count that fits 64 bits";
  if (getAddPosEmbed() && w[0] % 4 != 0)
    return emitOpError() << "expects the embedding size to be divisible by 4 "
                            "to add the positional embedding, got "
                         << w[0];
  return verifyShape(*this, getResult(), {in[0], *tokens, w[0]}, "result");
}

//===----------------------------------------------------------------------===//
// PosEmbedOp
//===----------------------------------------------------------------------===//

LogicalResult PosEmbedOp::verify() {
  if (failed(verifyRank(*this, getResult(), 2, "result ([T, D])")))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(getResult());
  int64_t height = getGridHeightAttr().getInt();
  int64_t width = getGridWidthAttr().getInt();
  int64_t tokens;
  if (llvm::MulOverflow(height, width, tokens) || shape[0] != tokens)
    return emitOpError() << "expects " << height << " x " << width
                         << " grid tokens, got " << shape[0];
  if (shape[1] % 4 != 0)
    return emitOpError() << "expects the embedding size to be divisible by "
                            "4, got "
                         << shape[1];
  return success();
}

//===----------------------------------------------------------------------===//
// TimestepSinusoidOp
//===----------------------------------------------------------------------===//

LogicalResult TimestepSinusoidOp::verify() {
  if (failed(verifyRank(*this, getTimesteps(), 1, "timesteps ([N])")))
    return failure();
  if (failed(verifyRank(*this, getResult(), 2, "result ([N, dim])")))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(getResult());
  if (shape[0] != shapeOf(getTimesteps())[0])
    return emitOpError() << "expects " << shapeOf(getTimesteps())[0]
                         << " result rows (one per timestep), got " << shape[0];
  if (shape[1] % 2 != 0 || shape[1] == 0)
    return emitOpError() << "expects an even, non-zero feature size, got "
                         << shape[1];
  if (!(getMaxPeriod().convertToDouble() > 0.0))
    return emitOpError() << "expects a positive max_period, got "
                         << getMaxPeriodAttr().getValueAsDouble();
  return success();
}

//===----------------------------------------------------------------------===//
// LabelEmbedOp
//===----------------------------------------------------------------------===//

LogicalResult LabelEmbedOp::verify() {
  if (failed(verifyRank(*this, getLabels(), 1, "labels ([N])")) ||
      failed(verifyRank(*this, getTable(), 2, "table ([classes + 1, D])")))
    return failure();
  ArrayRef<int64_t> table = shapeOf(getTable());
  int64_t classes = getNumClassesAttr().getInt();
  if (classes == std::numeric_limits<int64_t>::max() || table[0] != classes + 1)
    return emitOpError() << "expects a table of num_classes + 1 = " << classes
                         << " + 1"
                         << " rows (the last is the null class), got "
                         << table[0];
  return verifyShape(*this, getResult(), {shapeOf(getLabels())[0], table[1]},
                     "result");
}

//===----------------------------------------------------------------------===//
// LinearOp
//===----------------------------------------------------------------------===//

LogicalResult LinearOp::verify() {
  if (failed(verifySameElementType(
          *this, {getInput(), getWeight(), getBias(), getResult()})))
    return failure();
  if (failed(verifyRank(*this, getWeight(), 2, "weight ([out, in])")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput());
  ArrayRef<int64_t> w = shapeOf(getWeight());
  if (in.empty())
    return emitOpError() << "expects an input of rank at least 1";
  if (in.back() != w[1])
    return emitOpError() << "expects input features (" << in.back()
                         << ") to match weight in-features (" << w[1] << ")";
  if (getBias() && failed(verifyShape(*this, getBias(), {w[0]}, "bias")))
    return failure();
  SmallVector<int64_t> expected(in.drop_back());
  expected.push_back(w[0]);
  return verifyShape(*this, getResult(), expected, "result");
}

//===----------------------------------------------------------------------===//
// BatchMatmulOp
//===----------------------------------------------------------------------===//

LogicalResult BatchMatmulOp::verify() {
  ArrayRef<int64_t> lhs = shapeOf(getLhs());
  ArrayRef<int64_t> rhs = shapeOf(getRhs());
  if (lhs.size() < 2)
    return emitOpError() << "expects lhs of rank at least 2, got rank "
                         << lhs.size();
  if (failed(verifyRank(*this, getRhs(), lhs.size(), "rhs")))
    return failure();
  ArrayRef<int64_t> batch = lhs.drop_back(2);
  if (rhs.drop_back(2) != batch)
    return emitOpError() << "expects equal batch dimensions, got "
                         << fmtShape(batch) << " and "
                         << fmtShape(rhs.drop_back(2));
  int64_t m = lhs[lhs.size() - 2], k = lhs.back();
  int64_t rhsK = getTransposeRhs() ? rhs.back() : rhs[rhs.size() - 2];
  int64_t n = getTransposeRhs() ? rhs[rhs.size() - 2] : rhs.back();
  if (rhsK != k)
    return emitOpError() << "expects the contracted dimensions to match, got "
                         << k << " and " << rhsK;
  SmallVector<int64_t> expected(batch);
  expected.append({m, n});
  return verifyShape(*this, getResult(), expected, "result");
}

//===----------------------------------------------------------------------===//
// LayerNormOp
//===----------------------------------------------------------------------===//

LogicalResult LayerNormOp::verify() {
  if (failed(verifySameElementType(
          *this, {getInput(), getWeight(), getBias(), getResult()})))
    return failure();
  if (static_cast<bool>(getWeight()) != static_cast<bool>(getBias()))
    return emitOpError() << "expects both or neither of weight and bias";
  ArrayRef<int64_t> in = shapeOf(getInput());
  if (in.empty())
    return emitOpError() << "expects an input of rank at least 1";
  if (getWeight() &&
      (failed(verifyShape(*this, getWeight(), {in.back()}, "weight")) ||
       failed(verifyShape(*this, getBias(), {in.back()}, "bias"))))
    return failure();
  if (!(getEpsilon().convertToDouble() > 0.0))
    return emitOpError() << "expects a positive epsilon, got "
                         << getEpsilonAttr().getValueAsDouble();
  return verifyShape(*this, getResult(), in, "result");
}

//===----------------------------------------------------------------------===//
// ModulateOp, GatedResidualOp, AddOp
//===----------------------------------------------------------------------===//

LogicalResult ModulateOp::verify() {
  return verifyPerSample(*this, getInput(), getShift(), "shift and scale");
}

LogicalResult GatedResidualOp::verify() {
  return verifyPerSample(*this, getInput(), getGate(), "gate");
}

LogicalResult AddOp::verify() {
  ArrayRef<int64_t> lhs = shapeOf(getLhs());
  ArrayRef<int64_t> rhs = shapeOf(getRhs());
  if (rhs.size() > lhs.size() || lhs.take_back(rhs.size()) != rhs)
    return emitOpError() << "expects the rhs shape " << fmtShape(rhs)
                         << " to be a suffix of the lhs shape "
                         << fmtShape(lhs);
  return success();
}

//===----------------------------------------------------------------------===//
// ChunkOp, SplitHeadsOp, MergeHeadsOp, UnpatchifyOp
//===----------------------------------------------------------------------===//

LogicalResult ChunkOp::verify() {
  if (getResults().empty())
    return emitOpError() << "expects at least one result";
  ArrayRef<int64_t> in = shapeOf(getInput());
  if (in.empty())
    return emitOpError() << "expects an input of rank at least 1";
  int64_t count = getResults().size();
  if (in.back() % count != 0)
    return emitOpError() << "expects the last dimension (" << in.back()
                         << ") to split into " << count << " equal chunks";
  SmallVector<int64_t> expected(in.drop_back());
  expected.push_back(in.back() / count);
  for (Value result : getResults()) {
    if (failed(verifyShape(*this, result, expected, "every result")) ||
        failed(verifySameElementType(*this, {getInput(), result})))
      return failure();
  }
  return success();
}

LogicalResult SplitHeadsOp::verify() {
  if (failed(verifyRank(*this, getQkv(), 3, "qkv ([N, T, 3 * D])")) ||
      failed(verifyRank(*this, getQ(), 4, "results ([N, heads, T, head_dim])")))
    return failure();
  ArrayRef<int64_t> qkv = shapeOf(getQkv());
  ArrayRef<int64_t> q = shapeOf(getQ());
  std::optional<int64_t> features = checkedProduct({3, q[1], q[3]});
  if (!features || *features != qkv[2])
    return emitOpError() << "expects qkv features (" << qkv[2]
                         << ") to equal 3 x heads x head_dim = 3 x " << q[1]
                         << " x " << q[3];
  return verifyShape(*this, getQ(), {qkv[0], q[1], qkv[1], q[3]}, "results");
}

LogicalResult MergeHeadsOp::verify() {
  if (failed(
          verifyRank(*this, getInput(), 4, "input ([N, heads, T, head_dim])")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput());
  std::optional<int64_t> features = checkedProduct({in[1], in[3]});
  if (!features)
    return emitOpError() << "expects heads x head_dim to fit 64 bits";
  return verifyShape(*this, getResult(), {in[0], in[2], *features}, "result");
}

LogicalResult UnpatchifyOp::verify() {
  if (failed(verifyRank(*this, getInput(), 3, "input ([N, T, p * p * C])")) ||
      failed(verifyRank(*this, getResult(), 4, "result ([N, C, H, W])")))
    return failure();
  ArrayRef<int64_t> out = shapeOf(getResult());
  int64_t p = getPatchSizeAttr().getInt();
  if (out[2] % p != 0 || out[3] % p != 0)
    return emitOpError() << "expects the patch size (" << p
                         << ") to divide the result height and width, got "
                         << out[2] << "x" << out[3];
  std::optional<int64_t> tokens = checkedProduct({out[2] / p, out[3] / p});
  std::optional<int64_t> features = checkedProduct({p, p, out[1]});
  if (!tokens || !features)
    return emitOpError() << "expects token and feature counts that fit 64 bits";
  return verifyShape(*this, getInput(), {out[0], *tokens, *features}, "input");
}

//===----------------------------------------------------------------------===//
// CfgBatchOp, CfgCombineOp
//===----------------------------------------------------------------------===//

/// Returns `shape` with its leading dimension multiplied by `factor`.
static SmallVector<int64_t> scaleBatch(ArrayRef<int64_t> shape,
                                       int64_t factor) {
  SmallVector<int64_t> result(shape);
  result.front() *= factor;
  return result;
}

LogicalResult CfgBatchOp::verify() {
  if (failed(verifyRank(*this, getTimesteps(), 1, "timesteps ([N])")) ||
      failed(verifyRank(*this, getLabels(), 1, "labels ([N])")))
    return failure();
  ArrayRef<int64_t> latent = shapeOf(getLatent());
  if (latent.empty())
    return emitOpError() << "expects a latent of rank at least 1";
  int64_t n = latent.front();
  if (failed(verifyShape(*this, getTimesteps(), {n}, "timesteps")) ||
      failed(verifyShape(*this, getLabels(), {n}, "labels")) ||
      failed(verifyShape(*this, getLatentOut(), scaleBatch(latent, 2),
                         "latent result")) ||
      failed(
          verifyShape(*this, getTimestepsOut(), {2 * n}, "timesteps result")) ||
      failed(verifyShape(*this, getLabelsOut(), {2 * n}, "labels result")))
    return failure();
  return success();
}

LogicalResult CfgCombineOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input ([2N, C, H, W])")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(getInput());
  if (in[0] % 2 != 0)
    return emitOpError() << "expects an even batch (conditional and "
                            "unconditional halves), got "
                         << in[0];
  int64_t guided = getGuidedChannelsAttr().getInt();
  if (guided > in[1])
    return emitOpError() << "expects guided_channels (" << guided
                         << ") to be at most the channel count (" << in[1]
                         << ")";
  return verifyShape(*this, getResult(), {in[0] / 2, in[1], in[2], in[3]},
                     "result");
}

//===----------------------------------------------------------------------===//
// Fused ops
//===----------------------------------------------------------------------===//

LogicalResult LayerNormModulateOp::verify() {
  if (!(getEpsilonAttr().getValueAsDouble() > 0.0))
    return emitOpError() << "expects a positive epsilon, got "
                         << getEpsilonAttr().getValueAsDouble();
  return verifyPerSample(*this, getInput(), getShift(), "shift and scale");
}

LogicalResult AttentionOp::verify() {
  return verifyRank(*this, getQuery(), 4,
                    "query, key, value ([N, heads, T, head_dim])");
}

/// Checks the shapes of a fused linear: input [..., in], weight [out, in],
/// bias [out], result [..., out].
static LogicalResult verifyFusedLinear(Operation *op, Value input, Value weight,
                                       Value bias, Value result) {
  if (failed(verifyRank(op, weight, 2, "weight ([out, in])")))
    return failure();
  ArrayRef<int64_t> in = shapeOf(input);
  ArrayRef<int64_t> w = shapeOf(weight);
  if (in.empty())
    return op->emitOpError() << "expects an input of rank at least 1";
  if (in.back() != w[1])
    return op->emitOpError()
           << "expects input features (" << in.back()
           << ") to match weight in-features (" << w[1] << ")";
  if (failed(verifyShape(op, bias, {w[0]}, "bias")))
    return failure();
  SmallVector<int64_t> expected(in.drop_back());
  expected.push_back(w[0]);
  return verifyShape(op, result, expected, "result");
}

LogicalResult LinearGeluOp::verify() {
  return verifyFusedLinear(*this, getInput(), getWeight(), getBias(),
                           getResult());
}

LogicalResult LinearGatedResidualOp::verify() {
  if (failed(verifyFusedLinear(*this, getInput(), getWeight(), getBias(),
                               getResult())))
    return failure();
  return verifyPerSample(*this, getResidual(), getGate(), "gate");
}

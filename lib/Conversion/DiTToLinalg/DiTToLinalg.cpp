//===- DiTToLinalg.cpp - lower dit to linalg ------------------------------===//
//
// Rewrites every dit op into linalg, tensor, arith and math ops on tensors.
// Contractions accumulate in f32 (f16/bf16 operands are extended in the
// payload); elementwise ops compute in f32 and round once to the model dtype;
// reductions are two-pass (layer norm) and max-subtracted (softmax).
//
//===----------------------------------------------------------------------===//

#include "dialects/DiT/IR/DiTOps.h"
#include "dit/Conversion/Passes.h"

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>

namespace dit {
#define GEN_PASS_DEF_CONVERTDITTOLINALG
#include "dit/Conversion/Passes.h.inc"
} // namespace dit

using namespace mlir;
using namespace dit;

//===----------------------------------------------------------------------===//
// Builders shared by the lowerings
//===----------------------------------------------------------------------===//

namespace {

/// Builds linalg ops at one location with one rewriter.
class LinalgBuilder {
public:
  LinalgBuilder(PatternRewriter &rewriter, Location loc)
      : b(rewriter), loc(loc), f32(rewriter.getF32Type()) {}

  /// A tensor.empty of `shape` x `elementType`.
  Value empty(ArrayRef<int64_t> shape, Type elementType) {
    return tensor::EmptyOp::create(b, loc, shape, elementType);
  }

  /// A tensor of `shape` x `elementType` filled with `value`.
  Value filled(ArrayRef<int64_t> shape, Type elementType, TypedAttr value) {
    Value scalar = arith::ConstantOp::create(b, loc, value);
    return linalg::FillOp::create(b, loc, scalar, empty(shape, elementType))
        .getResult(0);
  }

  /// An f32 scalar constant.
  Value f32Constant(double value) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
  }

  /// Extends `value` to f32 if it is narrower.
  Value toF32(OpBuilder &builder, Location at, Value value) {
    if (value.getType() == f32)
      return value;
    return arith::ExtFOp::create(builder, at, f32, value);
  }

  /// Rounds an f32 `value` to `type` if it is narrower.
  Value fromF32(OpBuilder &builder, Location at, Value value, Type type) {
    if (value.getType() == type)
      return value;
    return arith::TruncFOp::create(builder, at, type, value);
  }

  /// The identity map of rank `rank`.
  AffineMap identity(unsigned rank) {
    return AffineMap::getMultiDimIdentityMap(rank, b.getContext());
  }

  /// The map of rank `rank` selecting the dimensions `dims`.
  AffineMap select(unsigned rank, ArrayRef<unsigned> dims) {
    return AffineMap::getMultiDimIdentityMap(rank, b.getContext())
        .getSubMap(SmallVector<unsigned>(dims));
  }

  /// The map of rank `rank` selecting its trailing `count` dimensions.
  AffineMap trailing(unsigned rank, unsigned count) {
    SmallVector<unsigned> dims;
    for (unsigned i = rank - count; i < rank; ++i)
      dims.push_back(i);
    return select(rank, dims);
  }

  /// The map of rank `rank` dropping its last dimension.
  AffineMap dropLast(unsigned rank) {
    SmallVector<unsigned> dims;
    for (unsigned i = 0; i + 1 < rank; ++i)
      dims.push_back(i);
    return select(rank, dims);
  }

  /// An elementwise linalg.generic over `resultType`'s shape: `body` maps the
  /// f32-extended input scalars to an f32 value, rounded to the result's
  /// element type. `maps` index the inputs; the result map is the identity.
  Value
  elementwise(ValueRange inputs, ArrayRef<AffineMap> maps,
              RankedTensorType resultType,
              function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
    unsigned rank = resultType.getRank();
    SmallVector<AffineMap> indexing(maps);
    indexing.push_back(identity(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    Type elementType = resultType.getElementType();
    auto generic = linalg::GenericOp::create(
        b, loc, resultType, inputs, empty(resultType.getShape(), elementType),
        indexing, iterators,
        [&](OpBuilder &nested, Location at, ValueRange args) {
          SmallVector<Value> scalars;
          for (Value arg : args.drop_back())
            scalars.push_back(
                isa<FloatType>(arg.getType()) ? toF32(nested, at, arg) : arg);
          Value result = body(nested, at, scalars);
          linalg::YieldOp::create(nested, at,
                                  fromF32(nested, at, result, elementType));
        });
    return generic.getResult(0);
  }

  /// A multiply-accumulate contraction into a zero-filled f32 tensor of
  /// `shape`: out[outMap] += lhs[lhsMap] * rhs[rhsMap] over `iterators`.
  Value contraction(Value lhs, Value rhs, AffineMap lhsMap, AffineMap rhsMap,
                    AffineMap outMap, ArrayRef<utils::IteratorType> iterators,
                    ArrayRef<int64_t> shape) {
    Value acc = filled(shape, f32, b.getF32FloatAttr(0.0));
    auto generic = linalg::GenericOp::create(
        b, loc, acc.getType(), ValueRange{lhs, rhs}, acc,
        ArrayRef<AffineMap>{lhsMap, rhsMap, outMap}, iterators,
        [&](OpBuilder &nested, Location at, ValueRange args) {
          Value product =
              arith::MulFOp::create(nested, at, toF32(nested, at, args[0]),
                                    toF32(nested, at, args[1]));
          Value sum = arith::AddFOp::create(nested, at, args[2], product);
          linalg::YieldOp::create(nested, at, sum);
        });
    return generic.getResult(0);
  }

  /// Reduces the last dimension of `input` into an f32 tensor initialized to
  /// `init`: acc = combine(acc, map(x, broadcast operands...)).
  Value
  reduceLast(Value input, ValueRange broadcast, double init,
             function_ref<Value(OpBuilder &, Location, Value acc, ValueRange)>
                 combine) {
    auto type = cast<RankedTensorType>(input.getType());
    unsigned rank = type.getRank();
    Value acc =
        filled(type.getShape().drop_back(), f32, b.getF32FloatAttr(init));
    SmallVector<AffineMap> maps = {identity(rank)};
    SmallVector<Value> inputs = {input};
    for (Value operand : broadcast) {
      inputs.push_back(operand);
      maps.push_back(dropLast(rank));
    }
    maps.push_back(dropLast(rank));
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators.back() = utils::IteratorType::reduction;
    auto generic = linalg::GenericOp::create(
        b, loc, acc.getType(), inputs, acc, maps, iterators,
        [&](OpBuilder &nested, Location at, ValueRange args) {
          SmallVector<Value> scalars = {toF32(nested, at, args[0])};
          for (Value arg : args.drop_front().drop_back())
            scalars.push_back(arg);
          linalg::YieldOp::create(nested, at,
                                  combine(nested, at, args.back(), scalars));
        });
    return generic.getResult(0);
  }

  /// Reshapes `value` to `shape` with `reassociation` (expanding when the
  /// result has more dimensions).
  Value reshape(Value value, ArrayRef<int64_t> shape,
                ArrayRef<ReassociationIndices> reassociation) {
    auto type = cast<RankedTensorType>(value.getType());
    auto resultType = RankedTensorType::get(shape, type.getElementType());
    if (resultType == type)
      return value;
    if (static_cast<int64_t>(shape.size()) > type.getRank())
      return tensor::ExpandShapeOp::create(b, loc, resultType, value,
                                           reassociation);
    return tensor::CollapseShapeOp::create(b, loc, resultType, value,
                                           reassociation);
  }

  /// A materializing transpose of `value` by `permutation`.
  Value transpose(Value value, ArrayRef<int64_t> permutation) {
    auto type = cast<RankedTensorType>(value.getType());
    SmallVector<int64_t> shape;
    for (int64_t dim : permutation)
      shape.push_back(type.getDimSize(dim));
    Value init = empty(shape, type.getElementType());
    return linalg::TransposeOp::create(b, loc, value, init, permutation)
        .getResult()[0];
  }

  /// A static slice of `value` (rank-reduced to `resultType` if given).
  Value slice(Value value, ArrayRef<int64_t> offsets, ArrayRef<int64_t> sizes,
              RankedTensorType resultType = {}) {
    SmallVector<int64_t> strides(offsets.size(), 1);
    if (!resultType)
      resultType = RankedTensorType::get(
          sizes, cast<RankedTensorType>(value.getType()).getElementType());
    return tensor::ExtractSliceOp::create(
        b, loc, resultType, value,
        getAsIndexOpFoldResult(b.getContext(), offsets),
        getAsIndexOpFoldResult(b.getContext(), sizes),
        getAsIndexOpFoldResult(b.getContext(), strides));
  }

  /// Inserts `source` into `dest` at `offsets`.
  Value insert(Value source, Value dest, ArrayRef<int64_t> offsets) {
    ArrayRef<int64_t> sizes =
        cast<RankedTensorType>(source.getType()).getShape();
    SmallVector<int64_t> strides(offsets.size(), 1);
    return tensor::InsertSliceOp::create(
        b, loc, source, dest, getAsIndexOpFoldResult(b.getContext(), offsets),
        getAsIndexOpFoldResult(b.getContext(), sizes),
        getAsIndexOpFoldResult(b.getContext(), strides));
  }

  PatternRewriter &b;
  Location loc;
  Type f32;
};

} // namespace

/// Returns the type of `value` as a ranked tensor.
static RankedTensorType typeOf(Value value) {
  return cast<RankedTensorType>(value.getType());
}

/// Returns n parallel iterators followed by m reductions.
static SmallVector<utils::IteratorType> iterators(unsigned parallel,
                                                  unsigned reduction) {
  SmallVector<utils::IteratorType> result(parallel,
                                          utils::IteratorType::parallel);
  result.append(reduction, utils::IteratorType::reduction);
  return result;
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

/// y = x W^T (+ b): [..., K] x [N, K] -> [..., N] as an [M, K] x [N, K]
/// contraction, then the bias add rounding to the model dtype.
static LogicalResult lowerLinear(LinearOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType inType = typeOf(op.getInput());
  RankedTensorType resultType = op.getResult().getType();
  int64_t k = inType.getShape().back();
  int64_t n = op.getWeight().getType().getDimSize(0);
  int64_t m = 1;
  for (int64_t dim : inType.getShape().drop_back())
    m *= dim;
  unsigned rank = inType.getRank();

  // Flatten the leading dimensions into M (or add M = 1 for a vector).
  SmallVector<ReassociationIndices> flatten;
  if (rank == 1) {
    flatten = {{0, 1}};
  } else {
    ReassociationIndices leading;
    for (unsigned i = 0; i + 1 < rank; ++i)
      leading.push_back(i);
    flatten = {leading, {rank - 1}};
  }
  Value input = b.reshape(op.getInput(), {m, k}, flatten);
  Value acc = b.contraction(input, op.getWeight(), b.select(3, {0, 2}),
                            b.select(3, {1, 2}), b.select(3, {0, 1}),
                            iterators(2, 1), {m, n});
  auto flatType = RankedTensorType::get({m, n}, resultType.getElementType());
  Value out;
  if (op.getBias()) {
    out = b.elementwise(
        {acc, op.getBias()}, {b.identity(2), b.select(2, {1})}, flatType,
        [](OpBuilder &nested, Location at, ValueRange args) -> Value {
          return arith::AddFOp::create(nested, at, args[0], args[1]);
        });
  } else {
    out = b.elementwise({acc}, {b.identity(2)}, flatType,
                        [](OpBuilder &, Location, ValueRange args) -> Value {
                          return args[0];
                        });
  }
  rewriter.replaceOp(op, b.reshape(out, resultType.getShape(), flatten));
  return success();
}

/// [B..., M, K] x [B..., K, N] (or [B..., N, K]) as one contraction.
static LogicalResult lowerBatchMatmul(BatchMatmulOp op,
                                      PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType resultType = op.getResult().getType();
  unsigned batch = resultType.getRank() - 2;
  unsigned loops = batch + 3; // batch..., m, n, k
  unsigned m = batch, n = batch + 1, k = batch + 2;
  SmallVector<unsigned> lhsDims, rhsDims, outDims;
  for (unsigned i = 0; i < batch; ++i) {
    lhsDims.push_back(i);
    rhsDims.push_back(i);
    outDims.push_back(i);
  }
  lhsDims.append({m, k});
  if (op.getTransposeRhs())
    rhsDims.append({n, k});
  else
    rhsDims.append({k, n});
  outDims.append({m, n});
  Value acc = b.contraction(op.getLhs(), op.getRhs(), b.select(loops, lhsDims),
                            b.select(loops, rhsDims), b.select(loops, outDims),
                            iterators(batch + 2, 1), resultType.getShape());
  if (resultType.getElementType() != b.f32)
    acc = b.elementwise({acc}, {b.identity(resultType.getRank())}, resultType,
                        [](OpBuilder &, Location, ValueRange args) -> Value {
                          return args[0];
                        });
  rewriter.replaceOp(op, acc);
  return success();
}

/// Conv2d(kernel = stride = p) + flatten as a contraction over the patch:
/// out[n, i, j, d] = sum_{c, a, b} x[n, c, i p + a, j p + b] w[d, c, a, b].
static LogicalResult lowerPatchEmbed(PatchEmbedOp op,
                                     PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  ArrayRef<int64_t> in = op.getInput().getType().getShape();
  int64_t p = op.getPatchSize(), d = op.getWeight().getType().getDimSize(0);
  int64_t gh = in[2] / p, gw = in[3] / p;
  Value patches = b.reshape(op.getInput(), {in[0], in[1], gh, p, gw, p},
                            {{0}, {1}, {2, 3}, {4, 5}});
  // Loops: n i j d | c a b.
  Value acc =
      b.contraction(patches, op.getWeight(), b.select(7, {0, 4, 1, 5, 2, 6}),
                    b.select(7, {3, 4, 5, 6}), b.select(7, {0, 1, 2, 3}),
                    iterators(4, 3), {in[0], gh, gw, d});
  auto gridType = RankedTensorType::get(
      {in[0], gh, gw, d}, op.getResult().getType().getElementType());
  Value out = b.elementwise(
      {acc, op.getBias()}, {b.identity(4), b.select(4, {3})}, gridType,
      [](OpBuilder &nested, Location at, ValueRange args) -> Value {
        return arith::AddFOp::create(nested, at, args[0], args[1]);
      });
  Value tokens =
      b.reshape(out, op.getResult().getType().getShape(), {{0}, {1, 2}, {3}});
  if (op.getAddPosEmbed()) {
    // The fused positional embedding: the table op and the add lower below.
    auto tableType = RankedTensorType::get(
        {gh * gw, d}, op.getResult().getType().getElementType());
    Value table = PosEmbedOp::create(rewriter, op.getLoc(), tableType, gh, gw);
    tokens = AddOp::create(rewriter, op.getLoc(), tokens, table);
  }
  rewriter.replaceOp(op, tokens);
  return success();
}

//===----------------------------------------------------------------------===//
// Embeddings
//===----------------------------------------------------------------------===//

/// Returns `value` as an APFloat of `type`'s semantics (nearest, ties even).
static APFloat roundTo(double value, FloatType type) {
  APFloat result(value);
  bool losesInfo;
  result.convert(type.getFloatSemantics(), APFloat::rmNearestTiesToEven,
                 &losesInfo);
  return result;
}

/// The fixed 2D sin-cos table, computed at compile time (MAE recipe).
static LogicalResult lowerPosEmbed(PosEmbedOp op, PatternRewriter &rewriter) {
  RankedTensorType type = op.getResult().getType();
  auto elementType = cast<FloatType>(type.getElementType());
  int64_t width = op.getGridWidthAttr().getInt();
  int64_t dim = type.getDimSize(1), quarter = dim / 4;
  SmallVector<APFloat> values;
  values.reserve(type.getNumElements());
  for (int64_t token = 0; token < type.getDimSize(0); ++token) {
    // Channels [0, D/2) encode the column, [D/2, D) the row.
    double positions[2] = {static_cast<double>(token % width),
                           static_cast<double>(token / width)};
    for (double position : positions) {
      for (int fn = 0; fn < 2; ++fn) {
        for (int64_t k = 0; k < quarter; ++k) {
          double omega = std::pow(10000.0, -static_cast<double>(k) / quarter);
          double angle = position * omega;
          values.push_back(roundTo(fn == 0 ? std::sin(angle) : std::cos(angle),
                                   elementType));
        }
      }
    }
  }
  rewriter.replaceOpWithNewOp<arith::ConstantOp>(
      op, DenseElementsAttr::get(type, values));
  return success();
}

/// [cos(t f_i), sin(t f_i)] with the frequencies a compile-time constant;
/// one generic yields both halves, then they are concatenated.
static LogicalResult lowerTimestepSinusoid(TimestepSinusoidOp op,
                                           PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  int64_t n = type.getDimSize(0), half = type.getDimSize(1) / 2;
  double logPeriod = std::log(op.getMaxPeriodAttr().getValueAsDouble());
  SmallVector<float> frequencies;
  for (int64_t i = 0; i < half; ++i)
    frequencies.push_back(static_cast<float>(
        std::exp(-logPeriod * static_cast<double>(i) / half)));
  auto freqType = RankedTensorType::get({half}, b.f32);
  Value freqs = arith::ConstantOp::create(
      rewriter, op.getLoc(),
      DenseElementsAttr::get(freqType, ArrayRef<float>(frequencies)));
  Type elementType = type.getElementType();
  auto halfType = RankedTensorType::get({n, half}, elementType);
  auto generic = linalg::GenericOp::create(
      rewriter, op.getLoc(), TypeRange{halfType, halfType},
      ValueRange{op.getTimesteps(), freqs},
      ValueRange{b.empty({n, half}, elementType),
                 b.empty({n, half}, elementType)},
      ArrayRef<AffineMap>{b.select(2, {0}), b.select(2, {1}), b.identity(2),
                          b.identity(2)},
      iterators(2, 0), [&](OpBuilder &nested, Location at, ValueRange args) {
        Value angle = arith::MulFOp::create(nested, at, args[0], args[1]);
        Value cos = math::CosOp::create(nested, at, angle);
        Value sin = math::SinOp::create(nested, at, angle);
        linalg::YieldOp::create(
            nested, at,
            ValueRange{b.fromF32(nested, at, cos, elementType),
                       b.fromF32(nested, at, sin, elementType)});
      });
  rewriter.replaceOpWithNewOp<tensor::ConcatOp>(op, 1, generic.getResults());
  return success();
}

/// A gather of table rows; labels are clamped into the table so that no
/// input can read out of bounds (out-of-range labels are undefined).
static LogicalResult lowerLabelEmbed(LabelEmbedOp op,
                                     PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  Value table = op.getTable();
  int64_t lastRow = op.getTable().getType().getDimSize(0) - 1;
  auto generic = linalg::GenericOp::create(
      rewriter, op.getLoc(), type, ValueRange{op.getLabels()},
      ValueRange{b.empty(type.getShape(), type.getElementType())},
      ArrayRef<AffineMap>{b.select(2, {0}), b.identity(2)}, iterators(2, 0),
      [&](OpBuilder &nested, Location at, ValueRange args) {
        Value row = arith::IndexCastOp::create(nested, at,
                                               nested.getIndexType(), args[0]);
        Value zero = arith::ConstantIndexOp::create(nested, at, 0);
        Value last = arith::ConstantIndexOp::create(nested, at, lastRow);
        row = arith::MaxSIOp::create(nested, at, row, zero);
        row = arith::MinSIOp::create(nested, at, row, last);
        Value col = linalg::IndexOp::create(nested, at, 1);
        Value value =
            tensor::ExtractOp::create(nested, at, table, ValueRange{row, col});
        linalg::YieldOp::create(nested, at, value);
      });
  rewriter.replaceOp(op, generic.getResult(0));
  return success();
}

//===----------------------------------------------------------------------===//
// Normalization and elementwise ops
//===----------------------------------------------------------------------===//

/// Two-pass layer norm: mean, then the mean of squared deviations, then
/// (x - mean) * rsqrt(var + eps) (* weight + bias).
static LogicalResult lowerLayerNorm(LayerNormOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  unsigned rank = type.getRank();
  auto rowType = RankedTensorType::get(type.getShape().drop_back(), b.f32);
  double width = static_cast<double>(type.getShape().back());
  float epsilon = static_cast<float>(op.getEpsilonAttr().getValueAsDouble());

  Value sum = b.reduceLast(
      op.getInput(), {}, 0.0,
      [](OpBuilder &nested, Location at, Value acc, ValueRange args) -> Value {
        return arith::AddFOp::create(nested, at, acc, args[0]);
      });
  Value inverseWidth = b.f32Constant(1.0 / width);
  Value mean = b.elementwise(
      {sum}, {b.identity(rank - 1)}, rowType,
      [&](OpBuilder &nested, Location at, ValueRange args) -> Value {
        return arith::MulFOp::create(nested, at, args[0], inverseWidth);
      });
  Value squares = b.reduceLast(
      op.getInput(), {mean}, 0.0,
      [](OpBuilder &nested, Location at, Value acc, ValueRange args) -> Value {
        Value dev = arith::SubFOp::create(nested, at, args[0], args[1]);
        Value square = arith::MulFOp::create(nested, at, dev, dev);
        return arith::AddFOp::create(nested, at, acc, square);
      });
  Value eps = b.f32Constant(epsilon);
  Value rstd = b.elementwise(
      {squares}, {b.identity(rank - 1)}, rowType,
      [&](OpBuilder &nested, Location at, ValueRange args) -> Value {
        Value var = arith::MulFOp::create(nested, at, args[0], inverseWidth);
        Value shifted = arith::AddFOp::create(nested, at, var, eps);
        return math::RsqrtOp::create(nested, at, shifted);
      });
  SmallVector<Value> inputs = {op.getInput(), mean, rstd};
  SmallVector<AffineMap> maps = {b.identity(rank), b.dropLast(rank),
                                 b.dropLast(rank)};
  bool affine = static_cast<bool>(op.getWeight());
  if (affine) {
    inputs.append({op.getWeight(), op.getBias()});
    maps.append({b.trailing(rank, 1), b.trailing(rank, 1)});
  }
  Value out = b.elementwise(
      inputs, maps, type,
      [&](OpBuilder &nested, Location at, ValueRange args) -> Value {
        Value dev = arith::SubFOp::create(nested, at, args[0], args[1]);
        Value normed = arith::MulFOp::create(nested, at, dev, args[2]);
        if (!affine)
          return normed;
        Value scaled = arith::MulFOp::create(nested, at, normed, args[3]);
        return arith::AddFOp::create(nested, at, scaled, args[4]);
      });
  rewriter.replaceOp(op, out);
  return success();
}

/// Returns the map of `rank` loops selecting (first, last): the per-sample
/// [N, D] operands of modulate and the gated residual.
static AffineMap perSampleMap(LinalgBuilder &b, unsigned rank) {
  return b.select(rank, {0, rank - 1});
}

/// x * (1 + scale) + shift, with 1 + scale computed once per (sample,
/// channel).
static LogicalResult lowerModulate(ModulateOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  unsigned rank = type.getRank();
  RankedTensorType scaleType = op.getScale().getType();
  Value one = b.f32Constant(1.0);
  Value factor = b.elementwise(
      {op.getScale()}, {b.identity(2)},
      RankedTensorType::get(scaleType.getShape(), b.f32),
      [&](OpBuilder &nested, Location at, ValueRange args) -> Value {
        return arith::AddFOp::create(nested, at, args[0], one);
      });
  Value out = b.elementwise(
      {op.getInput(), factor, op.getShift()},
      {b.identity(rank), perSampleMap(b, rank), perSampleMap(b, rank)}, type,
      [](OpBuilder &nested, Location at, ValueRange args) -> Value {
        Value scaled = arith::MulFOp::create(nested, at, args[0], args[1]);
        return arith::AddFOp::create(nested, at, scaled, args[2]);
      });
  rewriter.replaceOp(op, out);
  return success();
}

/// x + gate * y.
static LogicalResult lowerGatedResidual(GatedResidualOp op,
                                        PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  unsigned rank = type.getRank();
  Value out = b.elementwise(
      {op.getInput(), op.getGate(), op.getUpdate()},
      {b.identity(rank), perSampleMap(b, rank), b.identity(rank)}, type,
      [](OpBuilder &nested, Location at, ValueRange args) -> Value {
        Value gated = arith::MulFOp::create(nested, at, args[1], args[2]);
        return arith::AddFOp::create(nested, at, args[0], gated);
      });
  rewriter.replaceOp(op, out);
  return success();
}

/// lhs + rhs, rhs broadcast over the leading dimensions.
static LogicalResult lowerAdd(AddOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  unsigned rank = type.getRank();
  Value out = b.elementwise(
      {op.getLhs(), op.getRhs()},
      {b.identity(rank), b.trailing(rank, op.getRhs().getType().getRank())},
      type, [](OpBuilder &nested, Location at, ValueRange args) -> Value {
        return arith::AddFOp::create(nested, at, args[0], args[1]);
      });
  rewriter.replaceOp(op, out);
  return success();
}

/// x * factor.
static LogicalResult lowerScale(ScaleOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  Value factor = b.f32Constant(op.getFactorAttr().getValueAsDouble());
  Value out = b.elementwise(
      {op.getInput()}, {b.identity(type.getRank())}, type,
      [&](OpBuilder &nested, Location at, ValueRange args) -> Value {
        return arith::MulFOp::create(nested, at, args[0], factor);
      });
  rewriter.replaceOp(op, out);
  return success();
}

/// Max-subtracted softmax: max, exp(x - max), sum, divide.
static LogicalResult lowerSoftmax(SoftmaxOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  unsigned rank = type.getRank();
  Value max = b.reduceLast(
      op.getInput(), {}, -std::numeric_limits<double>::infinity(),
      [](OpBuilder &nested, Location at, Value acc, ValueRange args) -> Value {
        return arith::MaximumFOp::create(nested, at, acc, args[0]);
      });
  Value exps = b.elementwise(
      {op.getInput(), max}, {b.identity(rank), b.dropLast(rank)},
      RankedTensorType::get(type.getShape(), b.f32),
      [](OpBuilder &nested, Location at, ValueRange args) -> Value {
        Value shifted = arith::SubFOp::create(nested, at, args[0], args[1]);
        return math::ExpOp::create(nested, at, shifted);
      });
  Value sum = b.reduceLast(
      exps, {}, 0.0,
      [](OpBuilder &nested, Location at, Value acc, ValueRange args) -> Value {
        return arith::AddFOp::create(nested, at, acc, args[0]);
      });
  Value out = b.elementwise(
      {exps, sum}, {b.identity(rank), b.dropLast(rank)}, type,
      [](OpBuilder &nested, Location at, ValueRange args) -> Value {
        return arith::DivFOp::create(nested, at, args[0], args[1]);
      });
  rewriter.replaceOp(op, out);
  return success();
}

/// GELU: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) or
/// 0.5 x (1 + erf(x / sqrt 2)).
static LogicalResult lowerGelu(GeluOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  bool tanh = op.getApproximation() == GeluApproximation::Tanh;
  Value half = b.f32Constant(0.5), one = b.f32Constant(1.0);
  Value cubic = b.f32Constant(0.044715);
  Value tanhScale = b.f32Constant(std::sqrt(2.0 / M_PI));
  Value erfScale = b.f32Constant(1.0 / std::sqrt(2.0));
  Value out = b.elementwise(
      {op.getInput()}, {b.identity(type.getRank())}, type,
      [&](OpBuilder &nested, Location at, ValueRange args) -> Value {
        Value x = args[0];
        Value inner;
        if (tanh) {
          Value x2 = arith::MulFOp::create(nested, at, x, x);
          Value x3 = arith::MulFOp::create(nested, at, x2, x);
          Value term = arith::MulFOp::create(nested, at, x3, cubic);
          Value sum = arith::AddFOp::create(nested, at, x, term);
          Value scaled = arith::MulFOp::create(nested, at, sum, tanhScale);
          inner = math::TanhOp::create(nested, at, scaled);
        } else {
          Value scaled = arith::MulFOp::create(nested, at, x, erfScale);
          inner = math::ErfOp::create(nested, at, scaled);
        }
        Value onePlus = arith::AddFOp::create(nested, at, inner, one);
        Value product = arith::MulFOp::create(nested, at, x, onePlus);
        return arith::MulFOp::create(nested, at, product, half);
      });
  rewriter.replaceOp(op, out);
  return success();
}

/// SiLU: x / (1 + exp(-x)).
static LogicalResult lowerSilu(SiluOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  Value one = b.f32Constant(1.0);
  Value out = b.elementwise(
      {op.getInput()}, {b.identity(type.getRank())}, type,
      [&](OpBuilder &nested, Location at, ValueRange args) -> Value {
        Value negated = arith::NegFOp::create(nested, at, args[0]);
        Value exp = math::ExpOp::create(nested, at, negated);
        Value denominator = arith::AddFOp::create(nested, at, exp, one);
        return arith::DivFOp::create(nested, at, args[0], denominator);
      });
  rewriter.replaceOp(op, out);
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

/// Chunks are slices of the last dimension (views).
static LogicalResult lowerChunk(ChunkOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  ArrayRef<int64_t> shape = op.getInput().getType().getShape();
  int64_t width = shape.back() / std::max<int64_t>(op.getNumResults(), 1);
  SmallVector<Value> chunks;
  for (unsigned i = 0; i < op.getNumResults(); ++i) {
    SmallVector<int64_t> offsets(shape.size(), 0), sizes(shape);
    offsets.back() = i * width;
    sizes.back() = width;
    chunks.push_back(b.slice(op.getInput(), offsets, sizes));
  }
  rewriter.replaceOp(op, chunks);
  return success();
}

/// [N, T, 3 * H * hd] -> [N, T, 3, H, hd] -> [3, N, H, T, hd] -> q, k, v.
static LogicalResult lowerSplitHeads(SplitHeadsOp op,
                                     PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  ArrayRef<int64_t> in = op.getQkv().getType().getShape();
  RankedTensorType headType = op.getQ().getType();
  int64_t heads = headType.getDimSize(1), headDim = headType.getDimSize(3);
  Value split = b.reshape(op.getQkv(), {in[0], in[1], 3, heads, headDim},
                          {{0}, {1}, {2, 3, 4}});
  Value permuted = b.transpose(split, {2, 0, 3, 1, 4});
  SmallVector<Value> results;
  for (int64_t i = 0; i < 3; ++i)
    results.push_back(b.slice(permuted, {i, 0, 0, 0, 0},
                              {1, in[0], heads, in[1], headDim}, headType));
  rewriter.replaceOp(op, results);
  return success();
}

/// [N, H, T, hd] -> [N, T, H, hd] -> [N, T, H * hd].
static LogicalResult lowerMergeHeads(MergeHeadsOp op,
                                     PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  Value permuted = b.transpose(op.getInput(), {0, 2, 1, 3});
  rewriter.replaceOp(op,
                     b.reshape(permuted, op.getResult().getType().getShape(),
                               {{0}, {1}, {2, 3}}));
  return success();
}

/// [N, T, p * p * C] -> [N, gh, gw, p, p, C] -> [N, C, gh, p, gw, p] ->
/// [N, C, H, W].
static LogicalResult lowerUnpatchify(UnpatchifyOp op,
                                     PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  ArrayRef<int64_t> out = op.getResult().getType().getShape();
  int64_t p = op.getPatchSizeAttr().getInt();
  Value tokens =
      b.reshape(op.getInput(), {out[0], out[2] / p, out[3] / p, p, p, out[1]},
                {{0}, {1, 2}, {3, 4, 5}});
  Value permuted = b.transpose(tokens, {0, 5, 1, 3, 2, 4});
  rewriter.replaceOp(op, b.reshape(permuted, out, {{0}, {1}, {2, 3}, {4, 5}}));
  return success();
}

//===----------------------------------------------------------------------===//
// Classifier-free guidance
//===----------------------------------------------------------------------===//

/// [x; x], [t; t], [y; null...].
static LogicalResult lowerCfgBatch(CfgBatchOp op, PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  int64_t n = op.getLabels().getType().getDimSize(0);
  Value nulls =
      b.filled({n}, rewriter.getI64Type(),
               rewriter.getI64IntegerAttr(op.getNullClassAttr().getInt()));
  Value latent = tensor::ConcatOp::create(
      rewriter, op.getLoc(), 0, ValueRange{op.getLatent(), op.getLatent()});
  Value timesteps = tensor::ConcatOp::create(
      rewriter, op.getLoc(), 0,
      ValueRange{op.getTimesteps(), op.getTimesteps()});
  Value labels = tensor::ConcatOp::create(rewriter, op.getLoc(), 0,
                                          ValueRange{op.getLabels(), nulls});
  rewriter.replaceOp(op, {latent, timesteps, labels});
  return success();
}

/// Guided channels u + s (c - u); the other channels copied from c.
static LogicalResult lowerCfgCombine(CfgCombineOp op,
                                     PatternRewriter &rewriter) {
  LinalgBuilder b(rewriter, op.getLoc());
  RankedTensorType type = op.getResult().getType();
  ArrayRef<int64_t> out = type.getShape();
  int64_t n = out[0], channels = out[1];
  int64_t guided = op.getGuidedChannelsAttr().getInt();
  Value result = b.empty(out, type.getElementType());
  if (guided > 0) {
    Value scale = tensor::ExtractOp::create(rewriter, op.getLoc(),
                                            op.getScale(), ValueRange{});
    SmallVector<int64_t> sizes = {n, guided, out[2], out[3]};
    Value cond = b.slice(op.getInput(), {0, 0, 0, 0}, sizes);
    Value uncond = b.slice(op.getInput(), {n, 0, 0, 0}, sizes);
    Value combined = b.elementwise(
        {cond, uncond}, {b.identity(4), b.identity(4)},
        RankedTensorType::get(sizes, type.getElementType()),
        [&](OpBuilder &nested, Location at, ValueRange args) -> Value {
          Value diff = arith::SubFOp::create(nested, at, args[0], args[1]);
          Value scaled = arith::MulFOp::create(nested, at, scale, diff);
          return arith::AddFOp::create(nested, at, args[1], scaled);
        });
    result = b.insert(combined, result, {0, 0, 0, 0});
  }
  if (guided < channels) {
    Value rest = b.slice(op.getInput(), {0, guided, 0, 0},
                         {n, channels - guided, out[2], out[3]});
    result = b.insert(rest, result, {0, guided, 0, 0});
  }
  rewriter.replaceOp(op, result);
  return success();
}

//===----------------------------------------------------------------------===//
// Fused ops: decomposed into the ops they fuse, which lower as above (the
// CPU code computes the same values; fusing the loops is later work)
//===----------------------------------------------------------------------===//

static LogicalResult lowerLayerNormModulate(LayerNormModulateOp op,
                                            PatternRewriter &rewriter) {
  Value norm =
      LayerNormOp::create(rewriter, op.getLoc(), op.getType(), op.getInput(),
                          Value(), Value(), op.getEpsilonAttr());
  rewriter.replaceOpWithNewOp<ModulateOp>(op, norm, op.getShift(),
                                          op.getScale());
  return success();
}

static LogicalResult lowerAttention(AttentionOp op, PatternRewriter &rewriter) {
  RankedTensorType type = op.getType();
  ArrayRef<int64_t> shape = type.getShape();
  auto scoresType = RankedTensorType::get(
      {shape[0], shape[1], shape[2], shape[2]}, type.getElementType());
  Value scores =
      BatchMatmulOp::create(rewriter, op.getLoc(), scoresType, op.getQuery(),
                            op.getKey(), rewriter.getUnitAttr());
  Value scaled =
      ScaleOp::create(rewriter, op.getLoc(), scores, op.getScaleAttr());
  Value probs = SoftmaxOp::create(rewriter, op.getLoc(), scaled);
  rewriter.replaceOpWithNewOp<BatchMatmulOp>(op, type, probs, op.getValue(),
                                             UnitAttr());
  return success();
}

static LogicalResult lowerLinearGelu(LinearGeluOp op,
                                     PatternRewriter &rewriter) {
  Value linear = LinearOp::create(rewriter, op.getLoc(), op.getType(),
                                  op.getInput(), op.getWeight(), op.getBias());
  rewriter.replaceOpWithNewOp<GeluOp>(op, GeluApproximation::Tanh, linear);
  return success();
}

static LogicalResult lowerLinearGatedResidual(LinearGatedResidualOp op,
                                              PatternRewriter &rewriter) {
  Value linear = LinearOp::create(rewriter, op.getLoc(), op.getType(),
                                  op.getInput(), op.getWeight(), op.getBias());
  rewriter.replaceOpWithNewOp<GatedResidualOp>(op, op.getResidual(),
                                               op.getGate(), linear);
  return success();
}

//===----------------------------------------------------------------------===//
// Pass
//===----------------------------------------------------------------------===//

void dit::populateDiTToLinalgConversionPatterns(RewritePatternSet &patterns) {
  patterns.add(lowerLinear);
  patterns.add(lowerBatchMatmul);
  patterns.add(lowerPatchEmbed);
  patterns.add(lowerPosEmbed);
  patterns.add(lowerTimestepSinusoid);
  patterns.add(lowerLabelEmbed);
  patterns.add(lowerLayerNorm);
  patterns.add(lowerModulate);
  patterns.add(lowerGatedResidual);
  patterns.add(lowerAdd);
  patterns.add(lowerScale);
  patterns.add(lowerSoftmax);
  patterns.add(lowerGelu);
  patterns.add(lowerSilu);
  patterns.add(lowerChunk);
  patterns.add(lowerSplitHeads);
  patterns.add(lowerMergeHeads);
  patterns.add(lowerUnpatchify);
  patterns.add(lowerCfgBatch);
  patterns.add(lowerCfgCombine);
  patterns.add(lowerLayerNormModulate);
  patterns.add(lowerAttention);
  patterns.add(lowerLinearGelu);
  patterns.add(lowerLinearGatedResidual);
}

namespace {
struct ConvertDiTToLinalgPass
    : public dit::impl::ConvertDiTToLinalgBase<ConvertDiTToLinalgPass> {
  void runOnOperation() override {
    ConversionTarget target(getContext());
    target.addIllegalDialect<DiTDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    populateDiTToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

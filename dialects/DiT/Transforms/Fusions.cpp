//===- Fusions.cpp - dit-level fusion passes ------------------------------===//
//
// Pattern-based fusions of the eager DiT into fewer kernels: layer norm +
// modulate, the attention core, linear epilogues, and the horizontal fusion
// of the adaLN linears. Each decision goes through a FusionControlFn.
//
//===----------------------------------------------------------------------===//

#include "dialects/DiT/IR/DiTOps.h"
#include "dialects/DiT/Transforms/Passes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "llvm/ADT/MapVector.h"

#define DEBUG_TYPE "dit-fusions"

namespace dit {
#define GEN_PASS_DEF_DITFUSELAYERNORMMODULATE
#define GEN_PASS_DEF_DITFUSEATTENTION
#define GEN_PASS_DEF_DITFUSELINEAREPILOGUES
#define GEN_PASS_DEF_DITFUSEADALN
#define GEN_PASS_DEF_DITFUSEPATCHEMBED
#include "dialects/DiT/Transforms/Passes.h.inc"
} // namespace dit

using namespace mlir;
using namespace dit;

/// Returns the op defining `value` as OpTy if its only use is `user`, in
/// the same block (fusing across a region boundary would move the producer's
/// work into a loop body or a branch).
template <typename OpTy>
static OpTy singleUseProducer(Value value, Operation *user) {
  auto op = value.getDefiningOp<OpTy>();
  if (!op || !value.hasOneUse() || op->getBlock() != user->getBlock())
    return nullptr;
  return op;
}

namespace {

/// A pattern carrying the fusion control callback.
template <typename OpTy>
struct ControlledPattern : public OpRewritePattern<OpTy> {
  ControlledPattern(MLIRContext *context, FusionControlFn control)
      : OpRewritePattern<OpTy>(context), control(std::move(control)) {}
  FusionControlFn control;
};

/// modulate(layer_norm(x)) -> layer_norm_modulate(x).
struct FuseLayerNormModulate : public ControlledPattern<ModulateOp> {
  using ControlledPattern::ControlledPattern;
  LogicalResult matchAndRewrite(ModulateOp op,
                                PatternRewriter &rewriter) const override {
    auto norm = singleUseProducer<LayerNormOp>(op.getInput(), op);
    if (!norm || norm.getWeight() || !control(op))
      return failure();
    rewriter.replaceOpWithNewOp<LayerNormModulateOp>(
        op, op.getType(), norm.getInput(), op.getShift(), op.getScale(),
        norm.getEpsilonAttr());
    rewriter.eraseOp(norm);
    return success();
  }
};

/// bmm(softmax(scale(bmm(q, k^T))), v) -> attention(q, k, v).
struct FuseAttention : public ControlledPattern<BatchMatmulOp> {
  using ControlledPattern::ControlledPattern;
  LogicalResult matchAndRewrite(BatchMatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getTransposeRhs() || op.getType().getRank() != 4)
      return failure();
    auto softmax = singleUseProducer<SoftmaxOp>(op.getLhs(), op);
    auto scale = softmax
                     ? singleUseProducer<ScaleOp>(softmax.getInput(), softmax)
                     : ScaleOp();
    auto scores =
        scale ? singleUseProducer<BatchMatmulOp>(scale.getInput(), scale)
              : BatchMatmulOp();
    if (!scores || !scores.getTransposeRhs())
      return failure();
    Value q = scores.getLhs(), k = scores.getRhs(), v = op.getRhs();
    // dit.attention needs q, k, v and the result of one type.
    if (q.getType() != k.getType() || q.getType() != v.getType() ||
        q.getType() != op.getType() || !control(op))
      return failure();
    rewriter.replaceOpWithNewOp<AttentionOp>(op, op.getType(), q, k, v,
                                             scale.getFactorAttr());
    rewriter.eraseOp(softmax);
    rewriter.eraseOp(scale);
    rewriter.eraseOp(scores);
    return success();
  }
};

/// gelu tanh(linear(x, w, b)) -> linear_gelu(x, w, b).
struct FuseLinearGelu : public ControlledPattern<GeluOp> {
  using ControlledPattern::ControlledPattern;
  LogicalResult matchAndRewrite(GeluOp op,
                                PatternRewriter &rewriter) const override {
    auto linear = singleUseProducer<LinearOp>(op.getInput(), op);
    if (op.getApproximation() != GeluApproximation::Tanh || !linear ||
        !linear.getBias() || !control(op))
      return failure();
    rewriter.replaceOpWithNewOp<LinearGeluOp>(
        op, op.getType(), linear.getInput(), linear.getWeight(),
        linear.getBias());
    rewriter.eraseOp(linear);
    return success();
  }
};

/// gated_residual(r, g, linear(x, w, b)) -> linear_gated_residual.
struct FuseLinearGatedResidual : public ControlledPattern<GatedResidualOp> {
  using ControlledPattern::ControlledPattern;
  LogicalResult matchAndRewrite(GatedResidualOp op,
                                PatternRewriter &rewriter) const override {
    auto linear = singleUseProducer<LinearOp>(op.getUpdate(), op);
    if (!linear || !linear.getBias() || !control(op))
      return failure();
    rewriter.replaceOpWithNewOp<LinearGatedResidualOp>(
        op, op.getType(), linear.getInput(), linear.getWeight(),
        linear.getBias(), op.getInput(), op.getGate());
    rewriter.eraseOp(linear);
    return success();
  }
};

/// add(patch_embed(x), pos_embed) -> patch_embed(x) {add_pos_embed}.
struct FusePatchEmbedPosEmbed : public ControlledPattern<AddOp> {
  using ControlledPattern::ControlledPattern;
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    auto patch = singleUseProducer<PatchEmbedOp>(op.getLhs(), op);
    auto pos = op.getRhs().getDefiningOp<PosEmbedOp>();
    if (!patch || !pos || patch.getAddPosEmbed())
      return failure();
    ArrayRef<int64_t> in = patch.getInput().getType().getShape();
    int64_t p = patch.getPatchSize();
    if (pos.getGridHeightAttr().getInt() != in[2] / p ||
        pos.getGridWidthAttr().getInt() != in[3] / p || !control(op))
      return failure();
    rewriter.modifyOpInPlace(patch, [&] {
      patch.setAddPosEmbed(true);
      patch->setLoc(rewriter.getFusedLoc({patch.getLoc(), op.getLoc()}));
    });
    rewriter.replaceOp(op, patch.getResult());
    if (pos->use_empty())
      rewriter.eraseOp(pos);
    return success();
  }
};

} // namespace

void dit::populateFusePatchEmbedPatterns(RewritePatternSet &patterns,
                                         const FusionControlFn &control) {
  patterns.add<FusePatchEmbedPosEmbed>(patterns.getContext(), control);
}

void dit::populateFuseLayerNormModulatePatterns(
    RewritePatternSet &patterns, const FusionControlFn &control) {
  patterns.add<FuseLayerNormModulate>(patterns.getContext(), control);
}

void dit::populateFuseAttentionPatterns(RewritePatternSet &patterns,
                                        const FusionControlFn &control) {
  patterns.add<FuseAttention>(patterns.getContext(), control);
}

void dit::populateFuseLinearEpiloguePatterns(RewritePatternSet &patterns,
                                             const FusionControlFn &control) {
  patterns.add<FuseLinearGelu, FuseLinearGatedResidual>(patterns.getContext(),
                                                        control);
}

int64_t dit::fuseAdaLNLinears(Operation *root, const FusionControlFn &control) {
  // Group the biased [N, D] linears on SiLU(c) by the conditioning c.
  llvm::MapVector<Value, SmallVector<LinearOp>> groups;
  root->walk([&](LinearOp linear) {
    auto silu = linear.getInput().getDefiningOp<SiluOp>();
    if (silu && linear.getBias() && linear.getType().getRank() == 2 &&
        control(linear))
      groups[silu.getInput()].push_back(linear);
  });
  int64_t merged = 0;
  IRRewriter rewriter(root->getContext());
  for (auto &[c, linears] : groups) {
    if (linears.size() < 2)
      continue;
    // Build the merged GEMM before the first linear: every weight and bias
    // must be available there.
    Operation *first = linears.front();
    DominanceInfo dominance(first->getParentOp());
    bool available = llvm::all_of(linears, [&](LinearOp linear) {
      return linear->getBlock() == first->getBlock() &&
             dominance.properlyDominates(linear.getWeight(), first) &&
             dominance.properlyDominates(linear.getBias(), first);
    });
    if (!available || !dominance.properlyDominates(c, first))
      continue;
    rewriter.setInsertionPoint(first);
    // The merged GEMM serves every block: it gets a module path of its own.
    Location loc = NameLoc::get(rewriter.getStringAttr("adaLN_modulation"),
                                first->getLoc());
    SmallVector<Value> weights, biases;
    for (LinearOp linear : linears) {
      weights.push_back(linear.getWeight());
      biases.push_back(linear.getBias());
    }
    Value weight = tensor::ConcatOp::create(rewriter, loc, 0, weights);
    Value bias = tensor::ConcatOp::create(rewriter, loc, 0, biases);
    Value activated = SiluOp::create(rewriter, loc, c);
    auto weightType = cast<RankedTensorType>(weight.getType());
    int64_t rows = cast<RankedTensorType>(c.getType()).getDimSize(0);
    auto wideType = RankedTensorType::get({rows, weightType.getDimSize(0)},
                                          weightType.getElementType());
    Value wide =
        LinearOp::create(rewriter, loc, wideType, activated, weight, bias);
    int64_t offset = 0;
    for (LinearOp linear : linears) {
      int64_t width = linear.getType().getDimSize(1);
      rewriter.setInsertionPoint(linear);
      Value slice = tensor::ExtractSliceOp::create(
          rewriter, linear.getLoc(), linear.getType(), wide,
          getAsIndexOpFoldResult(rewriter.getContext(), {0, offset}),
          getAsIndexOpFoldResult(rewriter.getContext(), {rows, width}),
          getAsIndexOpFoldResult(rewriter.getContext(), {1, 1}));
      auto silu = linear.getInput().getDefiningOp<SiluOp>();
      rewriter.replaceOp(linear, slice);
      if (silu->use_empty())
        rewriter.eraseOp(silu);
      offset += width;
    }
    merged += linears.size() - 1;
  }
  return merged;
}

namespace {

/// Applies `populate`'s patterns once per op in a walk of the pass's
/// operation: unlike the greedy driver it does not fold, erase dead ops or
/// simplify regions, so IR the patterns do not match stays untouched.
template <typename Base> struct PatternFusionPass : public Base {
  using PopulateFn = void (*)(RewritePatternSet &, const FusionControlFn &);
  explicit PatternFusionPass(PopulateFn populate) : populate(populate) {}
  void runOnOperation() override {
    RewritePatternSet patterns(&this->getContext());
    populate(patterns, [](Operation *) { return true; });
    walkAndApplyPatterns(this->getOperation(), std::move(patterns));
  }
  PopulateFn populate;
};

struct DiTFuseLayerNormModulatePass
    : public PatternFusionPass<dit::impl::DiTFuseLayerNormModulateBase<
          DiTFuseLayerNormModulatePass>> {
  DiTFuseLayerNormModulatePass()
      : PatternFusionPass(populateFuseLayerNormModulatePatterns) {}
};

struct DiTFuseAttentionPass
    : public PatternFusionPass<
          dit::impl::DiTFuseAttentionBase<DiTFuseAttentionPass>> {
  DiTFuseAttentionPass() : PatternFusionPass(populateFuseAttentionPatterns) {}
};

struct DiTFuseLinearEpiloguesPass
    : public PatternFusionPass<
          dit::impl::DiTFuseLinearEpiloguesBase<DiTFuseLinearEpiloguesPass>> {
  DiTFuseLinearEpiloguesPass()
      : PatternFusionPass(populateFuseLinearEpiloguePatterns) {}
};

struct DiTFusePatchEmbedPass
    : public PatternFusionPass<
          dit::impl::DiTFusePatchEmbedBase<DiTFusePatchEmbedPass>> {
  DiTFusePatchEmbedPass() : PatternFusionPass(populateFusePatchEmbedPatterns) {}
};

struct DiTFuseAdaLNPass : public dit::impl::DiTFuseAdaLNBase<DiTFuseAdaLNPass> {
  void runOnOperation() override {
    fuseAdaLNLinears(getOperation(), [](Operation *) { return true; });
  }
};

} // namespace

//===- VectorizeContractions.cpp - register-tile and vectorize GEMMs ------===//
//
// Tiles linalg contractions with TilingInterface into static register tiles
// and vectorizes them with linalg::vectorize; hoists the accumulator
// transfers after bufferization. See Passes.td for the tile shape.
//
//===----------------------------------------------------------------------===//

#include "dit/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#define DEBUG_TYPE "dit-vectorize-contractions"

namespace dit {
#define GEN_PASS_DEF_DITVECTORIZECONTRACTIONS
#define GEN_PASS_DEF_DITHOISTVECTORTRANSFERS
#define GEN_PASS_DEF_DITAPPROXIMATEMATH
#include "dit/Transforms/Passes.h.inc"
} // namespace dit

using namespace mlir;
using namespace dit;

/// Returns the largest divisor of `size` that is at most `limit` (>= 1).
static int64_t largestDivisor(int64_t size, int64_t limit) {
  for (int64_t candidate = std::min(size, limit); candidate > 1; --candidate)
    if (size % candidate == 0)
      return candidate;
  return 1;
}

/// If the rhs of `op` is indexed [..., n, k] (k innermost), rewrites `op` to
/// read a transposed copy [..., k, n]. Returns the op to tile.
static linalg::GenericOp transposeRhsIfNeeded(RewriterBase &rewriter,
                                              linalg::GenericOp op, unsigned n,
                                              unsigned k) {
  OpOperand *rhs = op.getDpsInputOperand(1);
  AffineMap map = op.getMatchingIndexingMap(rhs);
  unsigned rank = map.getNumResults();
  if (rank < 2 || map.getDimPosition(rank - 1) != k ||
      map.getDimPosition(rank - 2) != n)
    return op;
  SmallVector<int64_t> permutation;
  for (unsigned i = 0; i < rank; ++i)
    permutation.push_back(i);
  std::swap(permutation[rank - 1], permutation[rank - 2]);
  auto type = cast<RankedTensorType>(rhs->get().getType());
  SmallVector<int64_t> shape(type.getShape());
  std::swap(shape[rank - 1], shape[rank - 2]);
  rewriter.setInsertionPoint(op);
  Value init = tensor::EmptyOp::create(rewriter, op.getLoc(), shape,
                                       type.getElementType());
  Value transposed = linalg::TransposeOp::create(rewriter, op.getLoc(),
                                                 rhs->get(), init, permutation)
                         .getResult()[0];
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  SmallVector<unsigned> dims;
  for (unsigned i = 0; i < rank; ++i)
    dims.push_back(map.getDimPosition(i));
  std::swap(dims[rank - 1], dims[rank - 2]);
  maps[1] =
      AffineMap::getMultiDimIdentityMap(map.getNumDims(), rewriter.getContext())
          .getSubMap(dims);
  auto replacement = linalg::GenericOp::create(
      rewriter, op.getLoc(), op.getResultTypes(),
      ValueRange{op.getDpsInputOperand(0)->get(), transposed}, op.getDpsInits(),
      maps, op.getIteratorTypesArray());
  rewriter.inlineRegionBefore(op.getRegion(), replacement.getRegion(),
                              replacement.getRegion().begin());
  rewriter.replaceOp(op, replacement.getResults());
  return replacement;
}

/// Tiles `op` by `sizes` (0: untiled) into loops of `loopType` and replaces
/// it; emits an error and fails if tiling fails.
static FailureOr<scf::SCFTilingResult>
tileAndReplace(RewriterBase &rewriter, linalg::GenericOp op,
               ArrayRef<int64_t> sizes,
               scf::SCFTilingOptions::LoopType loopType) {
  scf::SCFTilingOptions options;
  options.setLoopType(loopType);
  options.setTileSizes(getAsIndexOpFoldResult(op.getContext(), sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(tiled)) {
    op.emitError("failed to tile the contraction");
    return failure();
  }
  rewriter.replaceOp(op, tiled->replacements);
  return tiled;
}

namespace {

struct DiTVectorizeContractionsPass
    : public dit::impl::DiTVectorizeContractionsBase<
          DiTVectorizeContractionsPass> {
  using DiTVectorizeContractionsBase::DiTVectorizeContractionsBase;

  void runOnOperation() override {
    SmallVector<int64_t> tile = {8, 32, 1};
    if (!tileSizes.empty()) {
      if (tileSizes.size() != 3 ||
          llvm::any_of(tileSizes, [](int64_t s) { return s <= 0; })) {
        getOperation().emitError(
            "'tile-sizes' must be three positive sizes M,N,K");
        return signalPassFailure();
      }
      tile.assign(tileSizes.begin(), tileSizes.end());
    }
    SmallVector<linalg::GenericOp> candidates;
    getOperation().walk([&](linalg::GenericOp op) {
      if (op.hasPureTensorSemantics() && !op.hasDynamicShape() &&
          op.getNumDpsInputs() == 2 && op.getNumDpsInits() == 1 &&
          linalg::isaContractionOpInterface(op) &&
          !op->getParentOfType<scf::ForallOp>() &&
          !llvm::is_contained(op.getStaticLoopRanges(), 0))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : candidates) {
      FailureOr<linalg::ContractionDimensions> dims =
          linalg::inferContractionDims(op);
      if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
          dims->k.size() != 1)
        continue;
      unsigned m = dims->m[0], n = dims->n[0], k = dims->k[0];
      op = transposeRhsIfNeeded(rewriter, op, n, k);
      if (parallel) {
        // Chunks of rows (and single batch entries) for the threads.
        SmallVector<int64_t> ranges = op.getStaticLoopRanges();
        SmallVector<int64_t> chunk(ranges.size(), 0);
        for (unsigned b : dims->batch)
          chunk[b] = 1;
        chunk[m] = largestDivisor(ranges[m], parallelRows);
        FailureOr<scf::SCFTilingResult> chunked = tileAndReplace(
            rewriter, op, chunk, scf::SCFTilingOptions::LoopType::ForallOp);
        if (failed(chunked))
          return signalPassFailure();
        op = cast<linalg::GenericOp>(chunked->tiledOps.back());
      }
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      SmallVector<int64_t> sizes(ranges.size(), 1);
      sizes[m] = largestDivisor(ranges[m], tile[0]);
      sizes[n] = largestDivisor(ranges[n], tile[1]);
      sizes[k] = largestDivisor(ranges[k], tile[2]);
      FailureOr<scf::SCFTilingResult> tiled = tileAndReplace(
          rewriter, op, sizes, scf::SCFTilingOptions::LoopType::ForOp);
      if (failed(tiled))
        return signalPassFailure();
      for (Operation *tiledOp : tiled->tiledOps) {
        rewriter.setInsertionPoint(tiledOp);
        FailureOr<linalg::VectorizationResult> vectorized =
            linalg::vectorize(rewriter, tiledOp);
        if (failed(vectorized))
          continue;
        rewriter.replaceOp(tiledOp, vectorized->replacements);
      }
    }
    // Fold the broadcast reads, multiply and reduction back into
    // vector.contract, which the LLVM lowering turns into outer products.
    RewritePatternSet patterns(&getContext());
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    vector::populateVectorReductionToContractPatterns(patterns);
    vector::TransferReadOp::getCanonicalizationPatterns(patterns,
                                                        &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

struct DiTHoistVectorTransfersPass
    : public dit::impl::DiTHoistVectorTransfersBase<
          DiTHoistVectorTransfersPass> {
  void runOnOperation() override {
    linalg::hoistRedundantVectorTransfers(getOperation(),
                                          /*verifyNonZeroTrip=*/true);
  }
};

struct DiTApproximateMathPass
    : public dit::impl::DiTApproximateMathBase<DiTApproximateMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateMathPolynomialApproximationPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace

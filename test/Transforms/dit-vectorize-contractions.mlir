// RUN: dit-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(dit-vectorize-contractions))" | FileCheck %s
// RUN: not dit-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(dit-vectorize-contractions{tile-sizes=8,0,1}))" 2>&1 | FileCheck %s --check-prefix=BADSIZES

// A [16, 8] x [64, 8]^T contraction (PyTorch weight layout): the weight is
// transposed once to [8, 64], then 8 x 32 x 1 tiles are vectorized.
// CHECK-LABEL: func.func @linear
// CHECK:         %[[WT:.*]] = linalg.transpose ins(%{{.*}} : tensor<64x8xf32>) outs(%{{.*}} : tensor<8x64xf32>) permutation = [1, 0]
// CHECK:         scf.for {{.*}} to %c16 step %c8
// CHECK:           scf.for {{.*}} to %c64 step %c32
// CHECK:             scf.for {{.*}} to %c8 step %c1
// CHECK:               vector.transfer_read {{.*}} : tensor<8x1xf32>, vector<8x1xf32>
// CHECK:               vector.transfer_read {{.*}} : tensor<1x32xf32>, vector<1x32xf32>
// CHECK:               vector.transfer_read {{.*}} : tensor<8x32xf32>, vector<8x32xf32>
// CHECK:               vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
// CHECK-NOT:     linalg.generic
// BADSIZES: error: 'tile-sizes' must be three positive sizes M,N,K
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (n, k)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @linear(%x: tensor<16x8xf32>, %w: tensor<64x8xf32>, %acc: tensor<16x64xf32>) -> tensor<16x64xf32> {
  %r = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<16x8xf32>, tensor<64x8xf32>) outs(%acc : tensor<16x64xf32>) {
  ^bb0(%l: f32, %r: f32, %o: f32):
    %m = arith.mulf %l, %r : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<16x64xf32>
  return %r : tensor<16x64xf32>
}

// -----

// Tile sizes shrink to divisors: M = 6 -> 6, N = 20 -> 20; the rhs is
// already [K, N] and is not transposed.
// CHECK-LABEL: func.func @divisors
// CHECK-NOT:     linalg.transpose
// CHECK:         vector.contract {{.*}} : vector<6x1xf32>, vector<1x20xf32> into vector<6x20xf32>
#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
func.func @divisors(%x: tensor<6x5xf32>, %w: tensor<5x20xf32>, %acc: tensor<6x20xf32>) -> tensor<6x20xf32> {
  %r = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<6x5xf32>, tensor<5x20xf32>) outs(%acc : tensor<6x20xf32>) {
  ^bb0(%l: f32, %r: f32, %o: f32):
    %m = arith.mulf %l, %r : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<6x20xf32>
  return %r : tensor<6x20xf32>
}

// -----

// Elementwise ops and contractions with several reduction dimensions (the
// patch embedding) are left alone.
// CHECK-LABEL: func.func @negative_not_a_gemm
// CHECK:         linalg.generic
// CHECK-NOT:     vector.
#id = affine_map<(i, j) -> (i, j)>
func.func @negative_not_a_gemm(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x4xf32>) outs(%x : tensor<4x4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %e = math.exp %a : f32
    linalg.yield %e : f32
  } -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

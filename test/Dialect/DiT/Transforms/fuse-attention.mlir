// RUN: dit-opt %s -split-input-file --dit-fuse-attention | FileCheck %s

// CHECK-LABEL: func.func @fuse
// CHECK-SAME:    (%[[Q:.*]]: tensor<1x2x8x4xf32>, %[[K:.*]]: tensor<1x2x8x4xf32>, %[[V:.*]]: tensor<1x2x8x4xf32>)
// CHECK-NEXT:    %[[O:.*]] = dit.attention %[[Q]], %[[K]], %[[V]], 5.000000e-01 : tensor<1x2x8x4xf32>
// CHECK-NEXT:    return %[[O]]
func.func @fuse(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %s = dit.batch_matmul %q, %k {transpose_rhs} : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x8xf32>
  %c = dit.scale %s, 0.5 : tensor<1x2x8x8xf32>
  %p = dit.softmax %c : tensor<1x2x8x8xf32>
  %o = dit.batch_matmul %p, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

// The probabilities are returned too: nothing is fused.
// CHECK-LABEL: func.func @negative_probs_used
// CHECK-NOT:     dit.attention
// CHECK:         dit.softmax
func.func @negative_probs_used(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> (tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>) {
  %s = dit.batch_matmul %q, %k {transpose_rhs} : (tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x8xf32>
  %c = dit.scale %s, 0.5 : tensor<1x2x8x8xf32>
  %p = dit.softmax %c : tensor<1x2x8x8xf32>
  %o = dit.batch_matmul %p, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  return %o, %p : tensor<1x2x8x4xf32>, tensor<1x2x8x8xf32>
}

// -----

// Without the transposed q k^T (or without the scale) it is not attention.
// CHECK-LABEL: func.func @negative_not_transposed
// CHECK-NOT:     dit.attention
func.func @negative_not_transposed(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x4x8xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %s = dit.batch_matmul %q, %k : (tensor<1x2x8x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x8x8xf32>
  %c = dit.scale %s, 0.5 : tensor<1x2x8x8xf32>
  %p = dit.softmax %c : tensor<1x2x8x8xf32>
  %o = dit.batch_matmul %p, %v : (tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

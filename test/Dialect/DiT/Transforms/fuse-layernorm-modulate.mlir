// RUN: dit-opt %s -split-input-file --dit-fuse-layernorm-modulate | FileCheck %s

// CHECK-LABEL: func.func @fuse
// CHECK-SAME:    (%[[X:.*]]: tensor<2x4x8xf32>, %[[SH:.*]]: tensor<2x8xf32>, %[[SC:.*]]: tensor<2x8xf32>)
// CHECK-NEXT:    %[[R:.*]] = dit.layer_norm_modulate %[[X]], %[[SH]], %[[SC]] : tensor<2x4x8xf32>, tensor<2x8xf32>
// CHECK-NEXT:    return %[[R]]
func.func @fuse(%x: tensor<2x4x8xf32>, %shift: tensor<2x8xf32>, %scale: tensor<2x8xf32>) -> tensor<2x4x8xf32> {
  %n = dit.layer_norm %x : (tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  %m = dit.modulate %n, %shift, %scale : tensor<2x4x8xf32>, tensor<2x8xf32>
  return %m : tensor<2x4x8xf32>
}

// -----

// The epsilon is carried over.
// CHECK-LABEL: func.func @epsilon
// CHECK: dit.layer_norm_modulate {{.*}} {epsilon = 1.000000e-05 : f64}
func.func @epsilon(%x: tensor<2x4x8xf32>, %shift: tensor<2x8xf32>, %scale: tensor<2x8xf32>) -> tensor<2x4x8xf32> {
  %n = dit.layer_norm %x {epsilon = 1.0e-05 : f64} : (tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  %m = dit.modulate %n, %shift, %scale : tensor<2x4x8xf32>, tensor<2x8xf32>
  return %m : tensor<2x4x8xf32>
}

// -----

// The normalized tensor has another user: it must be materialized anyway.
// CHECK-LABEL: func.func @negative_two_users
// CHECK:         dit.layer_norm
// CHECK:         dit.modulate
// CHECK-NOT:     dit.layer_norm_modulate
func.func @negative_two_users(%x: tensor<2x4x8xf32>, %shift: tensor<2x8xf32>, %scale: tensor<2x8xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8xf32>) {
  %n = dit.layer_norm %x : (tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  %m = dit.modulate %n, %shift, %scale : tensor<2x4x8xf32>, tensor<2x8xf32>
  return %m, %n : tensor<2x4x8xf32>, tensor<2x4x8xf32>
}

// -----

// A norm with affine parameters is not fused.
// CHECK-LABEL: func.func @negative_affine
// CHECK-NOT:     dit.layer_norm_modulate
func.func @negative_affine(%x: tensor<2x4x8xf32>, %w: tensor<8xf32>, %shift: tensor<2x8xf32>, %scale: tensor<2x8xf32>) -> tensor<2x4x8xf32> {
  %n = dit.layer_norm %x, %w, %w : (tensor<2x4x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x4x8xf32>
  %m = dit.modulate %n, %shift, %scale : tensor<2x4x8xf32>, tensor<2x8xf32>
  return %m : tensor<2x4x8xf32>
}

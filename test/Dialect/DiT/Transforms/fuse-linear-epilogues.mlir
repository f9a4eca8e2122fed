// RUN: dit-opt %s -split-input-file --dit-fuse-linear-epilogues | FileCheck %s

// CHECK-LABEL: func.func @gelu
// CHECK-NEXT:    %[[R:.*]] = dit.linear_gelu %arg0, %arg1, %arg2 : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
// CHECK-NEXT:    return %[[R]]
func.func @gelu(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = dit.linear %x, %w, %b : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %g = dit.gelu tanh %y : tensor<4x16xf32>
  return %g : tensor<4x16xf32>
}

// -----

// CHECK-LABEL: func.func @gated_residual
// CHECK-NEXT:    %[[R:.*]] = dit.linear_gated_residual %arg0, %arg1, %arg2, %arg3, %arg4 : (tensor<1x4x8xf32>, tensor<8x8xf32>, tensor<8xf32>, tensor<1x4x8xf32>, tensor<1x8xf32>) -> tensor<1x4x8xf32>
// CHECK-NEXT:    return %[[R]]
func.func @gated_residual(%a: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %b: tensor<8xf32>, %x: tensor<1x4x8xf32>, %g: tensor<1x8xf32>) -> tensor<1x4x8xf32> {
  %y = dit.linear %a, %w, %b : (tensor<1x4x8xf32>, tensor<8x8xf32>, tensor<8xf32>) -> tensor<1x4x8xf32>
  %r = dit.gated_residual %x, %g, %y : tensor<1x4x8xf32>, tensor<1x8xf32>
  return %r : tensor<1x4x8xf32>
}

// -----

// Exact GELU, a linear without bias, and a linear used twice stay apart.
// CHECK-LABEL: func.func @negative
// CHECK-NOT:     dit.linear_gelu
// CHECK-NOT:     dit.linear_gated_residual
func.func @negative(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>, %r: tensor<4x16xf32>, %g: tensor<4x16xf32>) -> (tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>) {
  %y = dit.linear %x, %w, %b : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %e = dit.gelu none %y : tensor<4x16xf32>
  %z = dit.linear %x, %w : (tensor<4x8xf32>, tensor<16x8xf32>) -> tensor<4x16xf32>
  %t = dit.gelu tanh %z : tensor<4x16xf32>
  %u = dit.linear %x, %w, %b : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %s = dit.gated_residual %r, %g, %u : tensor<4x16xf32>, tensor<4x16xf32>
  %v = dit.gelu tanh %u : tensor<4x16xf32>
  return %e, %t, %s, %v : tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>, tensor<4x16xf32>
}

// -----

// The linear runs once before the loop: fusing it into the loop body would
// run the GEMM on every iteration.
// CHECK-LABEL: func.func @negative_across_loop
// CHECK:         dit.linear
// CHECK:         scf.for
// CHECK:           dit.gelu
// CHECK-NOT:     dit.linear_gelu
func.func @negative_across_loop(%x: tensor<4x8xf32>, %w: tensor<16x8xf32>, %b: tensor<16xf32>) -> tensor<4x16xf32> {
  %y = dit.linear %x, %w, %b : (tensor<4x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<4x16xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%acc = %x) -> (tensor<4x8xf32>) {
    %g = dit.gelu tanh %y : tensor<4x16xf32>
    scf.yield %acc : tensor<4x8xf32>
  }
  return %y : tensor<4x16xf32>
}

// -----

// Unrelated IR, including dead ops and block arguments, is left as it is.
// CHECK-LABEL: func.func @negative_untouched
// CHECK:         dit.silu
// CHECK:         cf.cond_br %arg1, ^bb1(%arg0 : tensor<2x4xf32>), ^bb2(%arg0 : tensor<2x4xf32>)
func.func @negative_untouched(%x: tensor<2x4xf32>, %p: i1) -> tensor<2x4xf32> {
  %dead = dit.silu %x : tensor<2x4xf32>
  cf.cond_br %p, ^a(%x : tensor<2x4xf32>), ^b(%x : tensor<2x4xf32>)
^a(%u: tensor<2x4xf32>):
  cf.br ^c(%u : tensor<2x4xf32>)
^b(%v: tensor<2x4xf32>):
  cf.br ^c(%v : tensor<2x4xf32>)
^c(%r: tensor<2x4xf32>):
  return %r : tensor<2x4xf32>
}

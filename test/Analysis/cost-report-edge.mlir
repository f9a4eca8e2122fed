// RUN: dit-opt %s -split-input-file -verify-diagnostics --dit-cost-report="format=json steps=1" -o /dev/null | FileCheck %s

// Zero-sized tensors cost nothing (and do not divide by zero).
// CHECK: "total": {
// CHECK-NEXT: "bytes": 0,
// CHECK-NEXT: "count": 0,
// CHECK-NEXT: "flops": 0,
func.func @empty_rows(%x: tensor<2x0xf32>) -> tensor<2x0xf32> {
  %0 = dit.layer_norm %x : (tensor<2x0xf32>) -> tensor<2x0xf32>
  return %0 : tensor<2x0xf32>
}

// -----

// A static tensor too large for 64-bit byte counts is an overflow.
func.func @huge(%x: tensor<4611686018427387904x4xf32>) -> tensor<4611686018427387904x4xf32> {
  // expected-error @+1 {{cost of this op overflows 64-bit integers}}
  %0 = dit.silu %x : tensor<4611686018427387904x4xf32>
  return %0 : tensor<4611686018427387904x4xf32>
}

// -----

// The per-image sampling figure must be exact: 12 MACs x 1 step over
// 5 images is not an integer.
// expected-error @+1 {{sampling cost 12 is not divisible by the 5 images per call; the per-image figure would not be exact}}
module attributes {dit.images_per_call = 5 : i64} {
  func.func @f(%x: tensor<1x3xf32>, %w: tensor<4x3xf32>) -> tensor<1x4xf32> {
    %0 = dit.linear %x, %w : (tensor<1x3xf32>, tensor<4x3xf32>) -> tensor<1x4xf32>
    return %0 : tensor<1x4xf32>
  }
}

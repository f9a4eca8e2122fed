// RUN: dit-opt %s -split-input-file --dit-fuse-patch-embed | FileCheck %s

// CHECK-LABEL: func.func @fuse
// CHECK-NEXT:    %[[T:.*]] = dit.patch_embed %arg0, %arg1, %arg2 {add_pos_embed} : (tensor<1x4x8x8xf32>, tensor<16x4x2x2xf32>, tensor<16xf32>) -> tensor<1x16x16xf32>
// CHECK-NEXT:    return %[[T]]
func.func @fuse(%x: tensor<1x4x8x8xf32>, %w: tensor<16x4x2x2xf32>, %b: tensor<16xf32>) -> tensor<1x16x16xf32> {
  %t = dit.patch_embed %x, %w, %b : (tensor<1x4x8x8xf32>, tensor<16x4x2x2xf32>, tensor<16xf32>) -> tensor<1x16x16xf32>
  %p = dit.pos_embed grid [4, 4] : tensor<16x16xf32>
  %s = dit.add %t, %p : tensor<1x16x16xf32>, tensor<16x16xf32>
  return %s : tensor<1x16x16xf32>
}

// -----

// A table of another grid (2 x 8), or a patch embedding used twice, stays.
// CHECK-LABEL: func.func @negative
// CHECK-NOT:     add_pos_embed
// CHECK-COUNT-2: dit.add
func.func @negative(%x: tensor<1x4x8x8xf32>, %w: tensor<16x4x2x2xf32>, %b: tensor<16xf32>) -> (tensor<1x16x16xf32>, tensor<1x16x16xf32>, tensor<1x16x16xf32>) {
  %t = dit.patch_embed %x, %w, %b : (tensor<1x4x8x8xf32>, tensor<16x4x2x2xf32>, tensor<16xf32>) -> tensor<1x16x16xf32>
  %p = dit.pos_embed grid [2, 8] : tensor<16x16xf32>
  %s = dit.add %t, %p : tensor<1x16x16xf32>, tensor<16x16xf32>
  %u = dit.patch_embed %x, %w, %b : (tensor<1x4x8x8xf32>, tensor<16x4x2x2xf32>, tensor<16xf32>) -> tensor<1x16x16xf32>
  %q = dit.pos_embed grid [4, 4] : tensor<16x16xf32>
  %v = dit.add %u, %q : tensor<1x16x16xf32>, tensor<16x16xf32>
  return %s, %u, %v : tensor<1x16x16xf32>, tensor<1x16x16xf32>, tensor<1x16x16xf32>
}

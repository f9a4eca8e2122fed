// RUN: dit-opt %s -split-input-file --dit-fuse-adaln | FileCheck %s

// Two blocks' adaLN (6 x 4) and the final layer's (2 x 4) on SiLU(c)
// become one SiLU and one [56, 4] linear; each result is a slice.
// CHECK-LABEL: func.func @merge
// CHECK-DAG:     %[[W:.*]] = tensor.concat dim(0) %arg1, %arg3, %arg5 : (tensor<24x4xf32>, tensor<24x4xf32>, tensor<8x4xf32>) -> tensor<56x4xf32>
// CHECK-DAG:     %[[B:.*]] = tensor.concat dim(0) %arg2, %arg4, %arg6 : (tensor<24xf32>, tensor<24xf32>, tensor<8xf32>) -> tensor<56xf32>
// CHECK:         %[[S:.*]] = dit.silu %arg0 : tensor<2x4xf32>
// CHECK-NOT:     dit.silu
// CHECK:         %[[Y:.*]] = dit.linear %[[S]], %[[W]], %[[B]] : (tensor<2x4xf32>, tensor<56x4xf32>, tensor<56xf32>) -> tensor<2x56xf32>
// CHECK:         tensor.extract_slice %[[Y]][0, 0] [2, 24] [1, 1]
// CHECK:         tensor.extract_slice %[[Y]][0, 24] [2, 24] [1, 1]
// CHECK:         tensor.extract_slice %[[Y]][0, 48] [2, 8] [1, 1]
// CHECK-NOT:     dit.silu
func.func @merge(%c: tensor<2x4xf32>, %w0: tensor<24x4xf32>, %b0: tensor<24xf32>, %w1: tensor<24x4xf32>, %b1: tensor<24xf32>, %wf: tensor<8x4xf32>, %bf: tensor<8xf32>) -> (tensor<2x24xf32>, tensor<2x24xf32>, tensor<2x8xf32>) {
  %s0 = dit.silu %c : tensor<2x4xf32>
  %m0 = dit.linear %s0, %w0, %b0 : (tensor<2x4xf32>, tensor<24x4xf32>, tensor<24xf32>) -> tensor<2x24xf32>
  %s1 = dit.silu %c : tensor<2x4xf32>
  %m1 = dit.linear %s1, %w1, %b1 : (tensor<2x4xf32>, tensor<24x4xf32>, tensor<24xf32>) -> tensor<2x24xf32>
  %sf = dit.silu %c : tensor<2x4xf32>
  %mf = dit.linear %sf, %wf, %bf : (tensor<2x4xf32>, tensor<8x4xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %m0, %m1, %mf : tensor<2x24xf32>, tensor<2x24xf32>, tensor<2x8xf32>
}

// -----

// A single adaLN linear, or linears on different conditionings, are left alone.
// CHECK-LABEL: func.func @negative
// CHECK-NOT:     tensor.concat
// CHECK-COUNT-2: dit.silu
func.func @negative(%c: tensor<2x4xf32>, %d: tensor<2x4xf32>, %w: tensor<24x4xf32>, %b: tensor<24xf32>) -> (tensor<2x24xf32>, tensor<2x24xf32>) {
  %s0 = dit.silu %c : tensor<2x4xf32>
  %m0 = dit.linear %s0, %w, %b : (tensor<2x4xf32>, tensor<24x4xf32>, tensor<24xf32>) -> tensor<2x24xf32>
  %s1 = dit.silu %d : tensor<2x4xf32>
  %m1 = dit.linear %s1, %w, %b : (tensor<2x4xf32>, tensor<24x4xf32>, tensor<24xf32>) -> tensor<2x24xf32>
  return %m0, %m1 : tensor<2x24xf32>, tensor<2x24xf32>
}

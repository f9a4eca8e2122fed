// RUN: dit-opt %s -split-input-file --convert-dit-to-linalg | FileCheck %s

// Contractions accumulate in f32; bf16 operands are extended in the payload
// and the bias add rounds once to bf16. The location is kept.
// CHECK-LABEL: func.func @linear_bf16
// CHECK:         %[[X:.*]] = tensor.collapse_shape %{{.*}} {{\[\[}}0, 1], [2]] : tensor<2x3x8xbf16> into tensor<6x8xbf16>
// CHECK:         %[[ACC:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<6x4xf32>)
// CHECK:         %[[MM:.*]] = linalg.generic {{{.*}}iterator_types = ["parallel", "parallel", "reduction"]} ins(%[[X]], %{{.*}} : tensor<6x8xbf16>, tensor<4x8xbf16>) outs(%[[ACC]] : tensor<6x4xf32>)
// CHECK:           arith.extf %{{.*}} : bf16 to f32
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         linalg.generic {{.*}} ins(%[[MM]], %{{.*}} : tensor<6x4xf32>, tensor<4xbf16>) outs(%{{.*}} : tensor<6x4xbf16>)
// CHECK:           arith.truncf %{{.*}} : f32 to bf16
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2]] output_shape [2, 3, 4]
// CHECK-NOT:     dit.
func.func @linear_bf16(%x: tensor<2x3x8xbf16>, %w: tensor<4x8xbf16>, %b: tensor<4xbf16>) -> tensor<2x3x4xbf16> {
  %0 = dit.linear %x, %w, %b : (tensor<2x3x8xbf16>, tensor<4x8xbf16>, tensor<4xbf16>) -> tensor<2x3x4xbf16> loc("blocks.0.attn.qkv")
  return %0 : tensor<2x3x4xbf16>
}

// -----

// q k^T reads k transposed through its indexing map: (b, h, m, n, k).
// CHECK-DAG: #[[LHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG: #[[RHS:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
// CHECK-DAG: #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func.func @qk
// CHECK:         linalg.generic {indexing_maps = [#[[LHS]], #[[RHS]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
func.func @qk(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32> {
  %0 = dit.batch_matmul %q, %k {transpose_rhs} : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}

// -----

// The patch embedding is a contraction over (channel, patch row, patch col)
// of the latent viewed as [N, C, gh, p, gw, p]: loops (n, i, j, d, c, a, b).
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d1, d5, d2, d6)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d6)>
// CHECK-LABEL: func.func @patch_embed
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0], [1], [2, 3], [4, 5]] output_shape [1, 3, 2, 2, 2, 2]
// CHECK:         linalg.generic {indexing_maps = [#[[X]], #[[W]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0], [1, 2], [3]] : tensor<1x2x2x5xf32> into tensor<1x4x5xf32>
func.func @patch_embed(%x: tensor<1x3x4x4xf32>, %w: tensor<5x3x2x2xf32>, %b: tensor<5xf32>) -> tensor<1x4x5xf32> {
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x3x4x4xf32>, tensor<5x3x2x2xf32>, tensor<5xf32>) -> tensor<1x4x5xf32>
  return %0 : tensor<1x4x5xf32>
}

// -----

// The fixed sin-cos table is a constant. D = 8: frequencies 1 and 0.01;
// token 1 is (row 0, col 1): [sin 1, sin .01, cos 1, cos .01, 0, 0, 1, 1].
// CHECK-LABEL: func.func @pos_embed
// CHECK:         arith.constant dense<{{\[\[}}0.000000e+00, 0.000000e+00, 1.000000e+00, 1.000000e+00, 0.000000e+00, 0.000000e+00, 1.000000e+00, 1.000000e+00], [0.841470957, 0.00999983306, 0.540302277, 0.999949991, 0.000000e+00, 0.000000e+00, 1.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00, 1.000000e+00, 1.000000e+00, 0.841470957, 0.00999983306, 0.540302277, 0.999949991], [0.841470957, 0.00999983306, 0.540302277, 0.999949991, 0.841470957, 0.00999983306, 0.540302277, 0.999949991]]> : tensor<4x8xf32>
func.func @pos_embed() -> tensor<4x8xf32> {
  %0 = dit.pos_embed grid [2, 2] : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// Frequencies exp(-ln(10000) i / 2) = [1, 0.01]; one generic yields cos and
// sin, concatenated cos first.
// CHECK-LABEL: func.func @timestep
// CHECK:         %[[F:.*]] = arith.constant dense<[1.000000e+00, 0.00999999977]> : tensor<2xf32>
// CHECK:         %[[CS:.*]]:2 = linalg.generic {{.*}} ins(%{{.*}}, %[[F]] : tensor<3xf32>, tensor<2xf32>)
// CHECK:           %[[A:.*]] = arith.mulf
// CHECK:           math.cos %[[A]]
// CHECK:           math.sin %[[A]]
// CHECK:         tensor.concat dim(1) %[[CS]]#0, %[[CS]]#1 : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<3x4xf32>
func.func @timestep(%t: tensor<3xf32>) -> tensor<3x4xf32> {
  %0 = dit.timestep_sinusoid %t : tensor<3xf32> -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// -----

// Labels are clamped into the table before the gather.
// CHECK-LABEL: func.func @label
// CHECK:         linalg.generic
// CHECK:           %[[ROW:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:           %[[LO:.*]] = arith.maxsi %[[ROW]], %c0
// CHECK:           %[[HI:.*]] = arith.minsi %[[LO]], %c10
// CHECK:           tensor.extract %{{.*}}[%[[HI]], %{{.*}}] : tensor<11x4xf32>
func.func @label(%y: tensor<2xi64>, %table: tensor<11x4xf32>) -> tensor<2x4xf32> {
  %0 = dit.label_embed %y, %table {num_classes = 10} : (tensor<2xi64>, tensor<11x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// Two-pass layer norm: mean, mean of squared deviations, rsqrt(var + eps).
// CHECK-LABEL: func.func @layer_norm
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:           arith.addf
// CHECK:         arith.mulf %{{.*}}, %cst{{.*}} : f32
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]
// CHECK:           arith.subf
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:         math.rsqrt
// CHECK:         linalg.generic
// CHECK:           arith.subf
// CHECK:           arith.mulf
func.func @layer_norm(%x: tensor<2x3x8xf32>) -> tensor<2x3x8xf32> {
  %0 = dit.layer_norm %x : (tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  return %0 : tensor<2x3x8xf32>
}

// -----

// Max-subtracted softmax.
// CHECK-LABEL: func.func @softmax
// CHECK:         arith.constant 0xFF800000 : f32
// CHECK:         arith.maximumf
// CHECK:         arith.subf
// CHECK-NEXT:    math.exp
// CHECK:         arith.addf
// CHECK:         arith.divf
func.func @softmax(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %0 = dit.softmax %x : tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

// CHECK-LABEL: func.func @activations
// CHECK:         math.tanh
// CHECK:         math.erf
// CHECK:         arith.negf
// CHECK-NEXT:    math.exp
func.func @activations(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = dit.gelu tanh %x : tensor<4xf16>
  %1 = dit.gelu none %0 : tensor<4xf16>
  %2 = dit.silu %1 : tensor<4xf16>
  return %2 : tensor<4xf16>
}

// -----

// 1 + scale is computed once per (sample, channel).
// CHECK-LABEL: func.func @modulate
// CHECK:         %[[S:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<2x8xf32>) outs(%{{.*}} : tensor<2x8xf32>)
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %[[S]], %{{.*}} : tensor<2x3x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>)
func.func @modulate(%x: tensor<2x3x8xf32>, %shift: tensor<2x8xf32>, %scale: tensor<2x8xf32>, %gate: tensor<2x8xf32>) -> tensor<2x3x8xf32> {
  %0 = dit.modulate %x, %shift, %scale : tensor<2x3x8xf32>, tensor<2x8xf32>
  %1 = dit.gated_residual %x, %gate, %0 : tensor<2x3x8xf32>, tensor<2x8xf32>
  return %1 : tensor<2x3x8xf32>
}

// -----

// Chunks are slices; split_heads is one transpose and three slices.
// CHECK-LABEL: func.func @data_movement
// CHECK:         tensor.extract_slice %{{.*}}[0, 0] [2, 4] [1, 1]
// CHECK:         tensor.extract_slice %{{.*}}[0, 4] [2, 4] [1, 1]
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0], [1], [2, 3, 4]] output_shape [1, 3, 3, 2, 2]
// CHECK:         linalg.transpose ins(%{{.*}} : tensor<1x3x3x2x2xf32>) outs(%{{.*}} : tensor<3x1x2x3x2xf32>) permutation = [2, 0, 3, 1, 4]
// CHECK-COUNT-3: tensor.extract_slice %{{.*}} : tensor<3x1x2x3x2xf32> to tensor<1x2x3x2xf32>
// CHECK:         linalg.transpose ins(%{{.*}} : tensor<1x2x3x2xf32>) outs(%{{.*}} : tensor<1x3x2x2xf32>) permutation = [0, 2, 1, 3]
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0], [1], [2, 3]] : tensor<1x3x2x2xf32> into tensor<1x3x4xf32>
func.func @data_movement(%m: tensor<2x8xf32>, %qkv: tensor<1x3x12xf32>) -> (tensor<2x4xf32>, tensor<1x3x4xf32>) {
  %a, %b = dit.chunk %m : tensor<2x8xf32> -> tensor<2x4xf32>, tensor<2x4xf32>
  %q, %k, %v = dit.split_heads %qkv : tensor<1x3x12xf32> -> tensor<1x2x3x2xf32>
  %o = dit.merge_heads %q : tensor<1x2x3x2xf32> -> tensor<1x3x4xf32>
  return %b, %o : tensor<2x4xf32>, tensor<1x3x4xf32>
}

// -----

// [N, T, p p C] -> [N, gh, gw, p, p, C] -> [N, C, gh, p, gw, p] -> image.
// CHECK-LABEL: func.func @unpatchify
// CHECK:         tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3, 4, 5]] output_shape [1, 2, 2, 2, 2, 3]
// CHECK:         linalg.transpose {{.*}} permutation = [0, 5, 1, 3, 2, 4]
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0], [1], [2, 3], [4, 5]] : tensor<1x3x2x2x2x2xf32> into tensor<1x3x4x4xf32>
func.func @unpatchify(%x: tensor<1x4x12xf32>) -> tensor<1x3x4x4xf32> {
  %0 = dit.unpatchify %x {patch_size = 2 : i64} : tensor<1x4x12xf32> -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @cfg
// CHECK:         arith.constant 1000 : i64
// CHECK:         tensor.concat dim(0) %{{.*}}, %{{.*}} : (tensor<1x4x2x2xf32>, tensor<1x4x2x2xf32>) -> tensor<2x4x2x2xf32>
// CHECK:         tensor.concat dim(0) %{{.*}}, %{{.*}} : (tensor<1xi64>, tensor<1xi64>) -> tensor<2xi64>
// CHECK:         %[[S:.*]] = tensor.extract %{{.*}}[] : tensor<f32>
// CHECK:         %[[C:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 3, 2, 2] [1, 1, 1, 1]
// CHECK:         %[[U:.*]] = tensor.extract_slice %{{.*}}[1, 0, 0, 0] [1, 3, 2, 2] [1, 1, 1, 1]
// CHECK:         linalg.generic {{.*}} ins(%[[C]], %[[U]] :
// CHECK:           arith.subf
// CHECK:           arith.mulf %[[S]]
// CHECK:         tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [1, 3, 2, 2] [1, 1, 1, 1]
// CHECK:         tensor.extract_slice %{{.*}}[0, 3, 0, 0] [1, 1, 2, 2] [1, 1, 1, 1]
// CHECK:         tensor.insert_slice %{{.*}} into %{{.*}}[0, 3, 0, 0] [1, 1, 2, 2] [1, 1, 1, 1]
func.func @cfg(%x: tensor<1x4x2x2xf32>, %t: tensor<1xf32>, %y: tensor<1xi64>, %s: tensor<f32>) -> (tensor<2xf32>, tensor<2xi64>, tensor<1x4x2x2xf32>) {
  %x2, %t2, %y2 = dit.cfg_batch %x, %t, %y {null_class = 1000} : (tensor<1x4x2x2xf32>, tensor<1xf32>, tensor<1xi64>) -> (tensor<2x4x2x2xf32>, tensor<2xf32>, tensor<2xi64>)
  %eps = dit.cfg_combine %x2, %s {guided_channels = 3} : (tensor<2x4x2x2xf32>, tensor<f32>) -> tensor<1x4x2x2xf32>
  return %t2, %y2, %eps : tensor<2xf32>, tensor<2xi64>, tensor<1x4x2x2xf32>
}

// -----

// Ops of other dialects are left untouched.
// CHECK-LABEL: func.func @negative_other_ops
// CHECK:         %[[R:.*]] = arith.addf %arg0, %arg0 : tensor<4xf32>
// CHECK:         return %[[R]]
func.func @negative_other_ops(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %x, %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

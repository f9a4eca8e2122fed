// RUN: dit-opt %s -split-input-file --dit-cost-report="convention=full format=json group-by=op" -o /dev/null | FileCheck %s

// Upstream ops get the same cost interface through external models. Expected
// figures by hand from the shapes (f32 = 4 bytes).

// linalg.fill [4,16]: writes 256 bytes, no arithmetic.
// linalg.matmul [4,8] x [8,16]: 4*16*8 = 512 MACs, 1024 flops; reads A (128),
// B (512) and the accumulator (256), writes 256: 1152 bytes.
// CHECK-LABEL: "convention": "full",
// CHECK:       "bytes": 256,
// CHECK-NEXT:  "count": 0,
// CHECK-NEXT:  "flops": 0,
// CHECK-NEXT:  "intensity": {{[0-9.e+-]+}},
// CHECK-NEXT:  "kernels": 1,
// CHECK-NEXT:  "macs": 0,
// CHECK-NEXT:  "name": "linalg.fill",
// CHECK:       "bytes": 1152,
// CHECK-NEXT:  "count": 1024,
// CHECK-NEXT:  "flops": 1024,
// CHECK-NEXT:  "intensity": {{[0-9.e+-]+}},
// CHECK-NEXT:  "kernels": 1,
// CHECK-NEXT:  "macs": 512,
// CHECK-NEXT:  "name": "linalg.matmul",
// CHECK:       "total": {
// CHECK-NEXT:    "bytes": 1408,
// CHECK-NEXT:    "count": 1024,
// CHECK-NEXT:    "flops": 1024,
// CHECK-NEXT:    "intensity": {{[0-9.e+-]+}},
// CHECK-NEXT:    "kernels": 2,
// CHECK-NEXT:    "macs": 512,
// CHECK-NEXT:    "transcendentals": 0
func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x16xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<4x16xf32>) -> tensor<4x16xf32>
  %r = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%c : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

// -----

// A linalg.generic whose body is a multiply-accumulate reduction is a
// contraction: batch 2, [3,5] x [5,7]: 2*3*7*5 = 210 MACs. The f16 inputs
// are extended to f32 in the body (casts cost nothing).
// Bytes: 2*3*5*2 + 2*5*7*2 + 2 * (2*3*7*4) = 60 + 140 + 336 = 536.
#lhs = affine_map<(b, m, n, k) -> (b, m, k)>
#rhs = affine_map<(b, m, n, k) -> (b, k, n)>
#out = affine_map<(b, m, n, k) -> (b, m, n)>
// CHECK-LABEL: "convention": "full",
// CHECK:       "total": {
// CHECK-NEXT:    "bytes": 536,
// CHECK-NEXT:    "count": 420,
// CHECK-NEXT:    "flops": 420,
// CHECK-NEXT:    "intensity": {{[0-9.e+-]+}},
// CHECK-NEXT:    "kernels": 1,
// CHECK-NEXT:    "macs": 210,
func.func @generic_contraction(%a: tensor<2x3x5xf16>, %b: tensor<2x5x7xf16>, %c: tensor<2x3x7xf32>) -> tensor<2x3x7xf32> {
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #out],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<2x3x5xf16>, tensor<2x5x7xf16>) outs(%c : tensor<2x3x7xf32>) {
  ^bb0(%x: f16, %y: f16, %acc: f32):
    %xf = arith.extf %x : f16 to f32
    %yf = arith.extf %y : f16 to f32
    %m = arith.mulf %xf, %yf : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<2x3x7xf32>
  return %r : tensor<2x3x7xf32>
}

// -----

// An elementwise generic: per element one exp (transcendental), one mulf and
// one addf (2 flops) over 6*10 = 60 elements; the init is not read.
// Bytes: reads 240, writes 240.
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: "convention": "full",
// CHECK:       "total": {
// CHECK-NEXT:    "bytes": 480,
// CHECK-NEXT:    "count": 120,
// CHECK-NEXT:    "flops": 120,
// CHECK-NEXT:    "intensity": {{[0-9.e+-]+}},
// CHECK-NEXT:    "kernels": 1,
// CHECK-NEXT:    "macs": 0,
// CHECK-NEXT:    "transcendentals": 60
func.func @elementwise(%a: tensor<6x10xf32>) -> tensor<6x10xf32> {
  %e = tensor.empty() : tensor<6x10xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<6x10xf32>) outs(%e : tensor<6x10xf32>) {
  ^bb0(%x: f32, %o: f32):
    %ex = math.exp %x : f32
    %m = arith.mulf %ex, %x : f32
    %s = arith.addf %m, %x : f32
    linalg.yield %s : f32
  } -> tensor<6x10xf32>
  return %r : tensor<6x10xf32>
}

// -----

// The patch embedding as linalg.conv_2d_nchw_fchw: output [1,8,4,4], 3 input
// channels, 2x2 kernel: 1*8*4*4*3*2*2 = 1536 MACs, reading x (768), w (384)
// and the accumulator (512), writing 512 bytes. Views (expand/collapse)
// move nothing; tensor.concat copies: reads 2 * 48, writes 96 bytes.
// Total bytes: 2176 + 192 = 2368.
// CHECK-LABEL: "convention": "full",
// CHECK:       "count": 3072,
// CHECK-NEXT:  "flops": 3072,
// CHECK-NEXT:  "intensity": {{[0-9.e+-]+}},
// CHECK-NEXT:  "kernels": 1,
// CHECK-NEXT:  "macs": 1536,
// CHECK-NEXT:  "name": "linalg.conv_2d_nchw_fchw",
// CHECK:       "bytes": 192,
// CHECK:       "name": "tensor.concat",
// CHECK:       "bytes": 0,
// CHECK:       "name": "tensor.expand_shape",
// CHECK:       "bytes": 0,
// CHECK:       "name": "tensor.collapse_shape",
// CHECK:       "total": {
// CHECK-NEXT:    "bytes": 2368,
// CHECK-NEXT:    "count": 3072,
func.func @conv(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x2x2xf32>, %o: tensor<1x8x4x4xf32>, %v: tensor<12xf32>) -> (tensor<1x8x4x4xf32>, tensor<2x3x4xf32>, tensor<24xf32>) {
  %r = linalg.conv_2d_nchw_fchw {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
      ins(%x, %w : tensor<1x3x8x8xf32>, tensor<8x3x2x2xf32>) outs(%o : tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %c = tensor.concat dim(0) %v, %v : (tensor<12xf32>, tensor<12xf32>) -> tensor<24xf32>
  %e = tensor.expand_shape %c [[0, 1, 2]] output_shape [2, 3, 4] : tensor<24xf32> into tensor<2x3x4xf32>
  %f = tensor.collapse_shape %e [[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
  return %r, %e, %f : tensor<1x8x4x4xf32>, tensor<2x3x4xf32>, tensor<24xf32>
}

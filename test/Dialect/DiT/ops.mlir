// RUN: dit-opt %s | dit-opt | FileCheck %s
// RUN: dit-opt %s --mlir-print-op-generic | dit-opt | FileCheck %s

// Round trip of every dit op in its custom assembly format.

// CHECK-LABEL: func.func @embeddings
func.func @embeddings(%x: tensor<2x4x16x16xf32>, %w: tensor<64x4x2x2xf32>,
                      %b: tensor<64xf32>, %t: tensor<2xf32>,
                      %y: tensor<2xi64>, %table: tensor<11x64xf32>)
    -> (tensor<2x64x64xf32>, tensor<2x256xf32>, tensor<2x64xf32>) {
  // CHECK: dit.patch_embed %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x4x16x16xf32>, tensor<64x4x2x2xf32>, tensor<64xf32>) -> tensor<2x64x64xf32>
  %tok = dit.patch_embed %x, %w, %b : (tensor<2x4x16x16xf32>, tensor<64x4x2x2xf32>, tensor<64xf32>) -> tensor<2x64x64xf32>
  // CHECK: dit.pos_embed grid [8, 8] : tensor<64x64xf32>
  %pos = dit.pos_embed grid [8, 8] : tensor<64x64xf32>
  // CHECK: dit.add %{{.*}}, %{{.*}} : tensor<2x64x64xf32>, tensor<64x64xf32>
  %h = dit.add %tok, %pos : tensor<2x64x64xf32>, tensor<64x64xf32>
  // CHECK: dit.timestep_sinusoid %{{.*}} : tensor<2xf32> -> tensor<2x256xf32>
  %f = dit.timestep_sinusoid %t : tensor<2xf32> -> tensor<2x256xf32>
  // CHECK: dit.timestep_sinusoid %{{.*}} {max_period = 1.000000e+03 : f64} : tensor<2xf32> -> tensor<2x256xf32>
  %f2 = dit.timestep_sinusoid %t {max_period = 1000.0 : f64} : tensor<2xf32> -> tensor<2x256xf32>
  // CHECK: dit.label_embed %{{.*}}, %{{.*}} {num_classes = 10 : i64} : (tensor<2xi64>, tensor<11x64xf32>) -> tensor<2x64xf32>
  %e = dit.label_embed %y, %table {num_classes = 10} : (tensor<2xi64>, tensor<11x64xf32>) -> tensor<2x64xf32>
  return %h, %f, %e : tensor<2x64x64xf32>, tensor<2x256xf32>, tensor<2x64xf32>
}

// CHECK-LABEL: func.func @block
func.func @block(%x: tensor<2x64x64xbf16>, %c: tensor<2x64xbf16>,
                 %wqkv: tensor<192x64xbf16>, %bqkv: tensor<192xbf16>,
                 %wada: tensor<384x64xbf16>) -> tensor<2x64x64xbf16> {
  // CHECK: dit.silu %{{.*}} : tensor<2x64xbf16>
  %sc = dit.silu %c : tensor<2x64xbf16>
  // CHECK: dit.linear %{{.*}}, %{{.*}} : (tensor<2x64xbf16>, tensor<384x64xbf16>) -> tensor<2x384xbf16>
  %mod = dit.linear %sc, %wada : (tensor<2x64xbf16>, tensor<384x64xbf16>) -> tensor<2x384xbf16>
  // CHECK: %[[C:.*]]:6 = dit.chunk %{{.*}} : tensor<2x384xbf16> -> tensor<2x64xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16>
  %ch:6 = dit.chunk %mod : tensor<2x384xbf16> -> tensor<2x64xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16>, tensor<2x64xbf16>
  // CHECK: dit.layer_norm %{{.*}} : (tensor<2x64x64xbf16>) -> tensor<2x64x64xbf16>
  %n = dit.layer_norm %x : (tensor<2x64x64xbf16>) -> tensor<2x64x64xbf16>
  // CHECK: dit.modulate %{{.*}}, %[[C]]#0, %[[C]]#1 : tensor<2x64x64xbf16>, tensor<2x64xbf16>
  %m = dit.modulate %n, %ch#0, %ch#1 : tensor<2x64x64xbf16>, tensor<2x64xbf16>
  // CHECK: dit.linear %{{.*}}, %{{.*}}, %{{.*}} : (tensor<2x64x64xbf16>, tensor<192x64xbf16>, tensor<192xbf16>) -> tensor<2x64x192xbf16>
  %qkv = dit.linear %m, %wqkv, %bqkv : (tensor<2x64x64xbf16>, tensor<192x64xbf16>, tensor<192xbf16>) -> tensor<2x64x192xbf16>
  // CHECK: %[[Q:.*]], %[[K:.*]], %[[V:.*]] = dit.split_heads %{{.*}} : tensor<2x64x192xbf16> -> tensor<2x4x64x16xbf16>
  %q, %k, %v = dit.split_heads %qkv : tensor<2x64x192xbf16> -> tensor<2x4x64x16xbf16>
  // CHECK: dit.batch_matmul %[[Q]], %[[K]] {transpose_rhs} : (tensor<2x4x64x16xbf16>, tensor<2x4x64x16xbf16>) -> tensor<2x4x64x64xbf16>
  %s = dit.batch_matmul %q, %k {transpose_rhs} : (tensor<2x4x64x16xbf16>, tensor<2x4x64x16xbf16>) -> tensor<2x4x64x64xbf16>
  // CHECK: dit.scale %{{.*}}, 2.500000e-01 : tensor<2x4x64x64xbf16>
  %ss = dit.scale %s, 0.25 : tensor<2x4x64x64xbf16>
  // CHECK: dit.softmax %{{.*}} : tensor<2x4x64x64xbf16>
  %p = dit.softmax %ss : tensor<2x4x64x64xbf16>
  // CHECK: dit.batch_matmul %{{.*}}, %[[V]] : (tensor<2x4x64x64xbf16>, tensor<2x4x64x16xbf16>) -> tensor<2x4x64x16xbf16>
  %o = dit.batch_matmul %p, %v : (tensor<2x4x64x64xbf16>, tensor<2x4x64x16xbf16>) -> tensor<2x4x64x16xbf16>
  // CHECK: dit.merge_heads %{{.*}} : tensor<2x4x64x16xbf16> -> tensor<2x64x64xbf16>
  %om = dit.merge_heads %o : tensor<2x4x64x16xbf16> -> tensor<2x64x64xbf16>
  // CHECK: dit.gated_residual %{{.*}}, %[[C]]#2, %{{.*}} : tensor<2x64x64xbf16>, tensor<2x64xbf16>
  %r = dit.gated_residual %x, %ch#2, %om : tensor<2x64x64xbf16>, tensor<2x64xbf16>
  // CHECK: dit.gelu tanh %{{.*}} : tensor<2x64x64xbf16>
  %g = dit.gelu tanh %r : tensor<2x64x64xbf16>
  // CHECK: dit.gelu none %{{.*}} : tensor<2x64x64xbf16>
  %g2 = dit.gelu none %g : tensor<2x64x64xbf16>
  return %g2 : tensor<2x64x64xbf16>
}

// CHECK-LABEL: func.func @affine_norm
func.func @affine_norm(%x: tensor<3x8xf16>, %w: tensor<8xf16>, %b: tensor<8xf16>) -> tensor<3x8xf16> {
  // CHECK: dit.layer_norm %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-05 : f64} : (tensor<3x8xf16>, tensor<8xf16>, tensor<8xf16>) -> tensor<3x8xf16>
  %n = dit.layer_norm %x, %w, %b {epsilon = 1.0e-05 : f64} : (tensor<3x8xf16>, tensor<8xf16>, tensor<8xf16>) -> tensor<3x8xf16>
  return %n : tensor<3x8xf16>
}

// CHECK-LABEL: func.func @output
func.func @output(%x: tensor<1x4x4xf32>, %lat: tensor<1x4x4x4xf32>,
                  %t: tensor<1xf32>, %y: tensor<1xi64>, %s: tensor<f32>)
    -> (tensor<1x1x4x4xf32>, tensor<2x4x4x4xf32>, tensor<2xf32>, tensor<2xi64>, tensor<1x4x4x4xf32>) {
  // CHECK: dit.unpatchify %{{.*}} {patch_size = 2 : i64} : tensor<1x4x4xf32> -> tensor<1x1x4x4xf32>
  %img = dit.unpatchify %x {patch_size = 2 : i64} : tensor<1x4x4xf32> -> tensor<1x1x4x4xf32>
  // CHECK: dit.cfg_batch %{{.*}}, %{{.*}}, %{{.*}} {null_class = 1000 : i64} : (tensor<1x4x4x4xf32>, tensor<1xf32>, tensor<1xi64>) -> (tensor<2x4x4x4xf32>, tensor<2xf32>, tensor<2xi64>)
  %x2, %t2, %y2 = dit.cfg_batch %lat, %t, %y {null_class = 1000} : (tensor<1x4x4x4xf32>, tensor<1xf32>, tensor<1xi64>) -> (tensor<2x4x4x4xf32>, tensor<2xf32>, tensor<2xi64>)
  // CHECK: dit.cfg_combine %{{.*}}, %{{.*}} {guided_channels = 3 : i64} : (tensor<2x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  %eps = dit.cfg_combine %x2, %s {guided_channels = 3} : (tensor<2x4x4x4xf32>, tensor<f32>) -> tensor<1x4x4x4xf32>
  return %img, %x2, %t2, %y2, %eps : tensor<1x1x4x4xf32>, tensor<2x4x4x4xf32>, tensor<2xf32>, tensor<2xi64>, tensor<1x4x4x4xf32>
}

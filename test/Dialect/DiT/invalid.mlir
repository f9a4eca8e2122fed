// RUN: dit-opt %s -split-input-file -verify-diagnostics

// Every verifier diagnostic of the dit dialect.

func.func @patch_embed_input_rank(%x: tensor<4x16x16xf32>, %w: tensor<8x4x2x2xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{'dit.patch_embed' op expects input ([N, C, H, W]) of rank 4, got rank 3}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<4x16x16xf32>, tensor<8x4x2x2xf32>, tensor<8xf32>) -> tensor<1x64x8xf32>
  return
}

// -----

func.func @patch_embed_weight_rank(%x: tensor<1x4x16x16xf32>, %w: tensor<8x4x2xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{expects weight ([D, C, p, p]) of rank 4, got rank 3}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x4x16x16xf32>, tensor<8x4x2xf32>, tensor<8xf32>) -> tensor<1x64x8xf32>
  return
}

// -----

func.func @patch_embed_square(%x: tensor<1x4x16x16xf32>, %w: tensor<8x4x2x4xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{expects a square patch, got weight kernel 2x4}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x4x16x16xf32>, tensor<8x4x2x4xf32>, tensor<8xf32>) -> tensor<1x64x8xf32>
  return
}

// -----

func.func @patch_embed_channels(%x: tensor<1x3x16x16xf32>, %w: tensor<8x4x2x2xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{expects weight input channels (4) to match input channels (3)}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x3x16x16xf32>, tensor<8x4x2x2xf32>, tensor<8xf32>) -> tensor<1x64x8xf32>
  return
}

// -----

func.func @patch_embed_zero_patch(%x: tensor<1x4x16x16xf32>, %w: tensor<8x4x0x0xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{expects a positive patch size, got 0}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x4x16x16xf32>, tensor<8x4x0x0xf32>, tensor<8xf32>) -> tensor<1x64x8xf32>
  return
}

// -----

func.func @patch_embed_divide(%x: tensor<1x4x15x16xf32>, %w: tensor<8x4x2x2xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{expects the patch size (2) to divide the input height and width, got 15x16}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x4x15x16xf32>, tensor<8x4x2x2xf32>, tensor<8xf32>) -> tensor<1x64x8xf32>
  return
}

// -----

func.func @patch_embed_bias(%x: tensor<1x4x16x16xf32>, %w: tensor<8x4x2x2xf32>, %b: tensor<9xf32>) {
  // expected-error @+1 {{expects bias of shape [8], got [9]}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x4x16x16xf32>, tensor<8x4x2x2xf32>, tensor<9xf32>) -> tensor<1x64x8xf32>
  return
}

// -----

func.func @patch_embed_result(%x: tensor<1x4x16x16xf32>, %w: tensor<8x4x2x2xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{expects result of shape [1, 64, 8], got [1, 32, 8]}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x4x16x16xf32>, tensor<8x4x2x2xf32>, tensor<8xf32>) -> tensor<1x32x8xf32>
  return
}

// -----

func.func @patch_embed_dtype(%x: tensor<1x4x16x16xf16>, %w: tensor<8x4x2x2xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{failed to verify that all of {input, weight, bias, result} have same element type}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x4x16x16xf16>, tensor<8x4x2x2xf32>, tensor<8xf32>) -> tensor<1x64x8xf32>
  return
}

// -----

func.func @patch_embed_f64(%x: tensor<1x4x16x16xf64>, %w: tensor<8x4x2x2xf64>, %b: tensor<8xf64>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 16-bit float or bfloat16 type values}}
  %0 = dit.patch_embed %x, %w, %b : (tensor<1x4x16x16xf64>, tensor<8x4x2x2xf64>, tensor<8xf64>) -> tensor<1x64x8xf64>
  return
}

// -----

func.func @dynamic_shape(%x: tensor<?x8xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor}}
  %0 = dit.silu %x : tensor<?x8xf32>
  return
}

// -----

func.func @pos_embed_rank() {
  // expected-error @+1 {{expects result ([T, D]) of rank 2, got rank 3}}
  %0 = dit.pos_embed grid [2, 2] : tensor<1x4x8xf32>
  return
}

// -----

func.func @pos_embed_tokens() {
  // expected-error @+1 {{expects 2 x 3 grid tokens, got 4}}
  %0 = dit.pos_embed grid [2, 3] : tensor<4x8xf32>
  return
}

// -----

func.func @pos_embed_width() {
  // expected-error @+1 {{expects the embedding size to be divisible by 4, got 6}}
  %0 = dit.pos_embed grid [2, 2] : tensor<4x6xf32>
  return
}

// -----

func.func @pos_embed_grid() {
  // expected-error @+1 {{attribute 'grid_height' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %0 = dit.pos_embed grid [0, 2] : tensor<0x8xf32>
  return
}

// -----

func.func @timestep_rank(%t: tensor<1x1xf32>) {
  // expected-error @+1 {{expects timesteps ([N]) of rank 1, got rank 2}}
  %0 = dit.timestep_sinusoid %t : tensor<1x1xf32> -> tensor<1x256xf32>
  return
}

// -----

func.func @timestep_result_rank(%t: tensor<1xf32>) {
  // expected-error @+1 {{expects result ([N, dim]) of rank 2, got rank 1}}
  %0 = dit.timestep_sinusoid %t : tensor<1xf32> -> tensor<256xf32>
  return
}

// -----

func.func @timestep_rows(%t: tensor<2xf32>) {
  // expected-error @+1 {{expects 2 result rows (one per timestep), got 1}}
  %0 = dit.timestep_sinusoid %t : tensor<2xf32> -> tensor<1x256xf32>
  return
}

// -----

func.func @timestep_odd(%t: tensor<1xf32>) {
  // expected-error @+1 {{expects an even, non-zero feature size, got 255}}
  %0 = dit.timestep_sinusoid %t : tensor<1xf32> -> tensor<1x255xf32>
  return
}

// -----

func.func @timestep_period(%t: tensor<1xf32>) {
  // expected-error @+1 {{expects a positive max_period, got -1}}
  %0 = dit.timestep_sinusoid %t {max_period = -1.0 : f64} : tensor<1xf32> -> tensor<1x256xf32>
  return
}

// -----

func.func @timestep_dtype(%t: tensor<1xf16>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float values}}
  %0 = dit.timestep_sinusoid %t : tensor<1xf16> -> tensor<1x256xf16>
  return
}

// -----

func.func @label_rank(%y: tensor<1x1xi64>, %table: tensor<11x8xf32>) {
  // expected-error @+1 {{expects labels ([N]) of rank 1, got rank 2}}
  %0 = dit.label_embed %y, %table {num_classes = 10} : (tensor<1x1xi64>, tensor<11x8xf32>) -> tensor<1x8xf32>
  return
}

// -----

func.func @label_table_rank(%y: tensor<1xi64>, %table: tensor<11xf32>) {
  // expected-error @+1 {{expects table ([classes + 1, D]) of rank 2, got rank 1}}
  %0 = dit.label_embed %y, %table {num_classes = 10} : (tensor<1xi64>, tensor<11xf32>) -> tensor<1x8xf32>
  return
}

// -----

func.func @label_table_rows(%y: tensor<1xi64>, %table: tensor<10x8xf32>) {
  // expected-error @+1 {{expects a table of num_classes + 1 = 10 + 1 rows (the last is the null class), got 10}}
  %0 = dit.label_embed %y, %table {num_classes = 10} : (tensor<1xi64>, tensor<10x8xf32>) -> tensor<1x8xf32>
  return
}

// -----

func.func @label_result(%y: tensor<2xi64>, %table: tensor<11x8xf32>) {
  // expected-error @+1 {{expects result of shape [2, 8], got [1, 8]}}
  %0 = dit.label_embed %y, %table {num_classes = 10} : (tensor<2xi64>, tensor<11x8xf32>) -> tensor<1x8xf32>
  return
}

// -----

func.func @label_dtype(%y: tensor<1xi32>, %table: tensor<11x8xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 64-bit signless integer values}}
  %0 = dit.label_embed %y, %table {num_classes = 10} : (tensor<1xi32>, tensor<11x8xf32>) -> tensor<1x8xf32>
  return
}

// -----

func.func @linear_dtype(%x: tensor<2x8xf32>, %w: tensor<4x8xbf16>) {
  // expected-error @+1 {{expects all tensors to have the same element type, got 'f32' and 'bf16'}}
  %0 = dit.linear %x, %w : (tensor<2x8xf32>, tensor<4x8xbf16>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_weight_rank(%x: tensor<2x8xf32>, %w: tensor<4x8x1xf32>) {
  // expected-error @+1 {{expects weight ([out, in]) of rank 2, got rank 3}}
  %0 = dit.linear %x, %w : (tensor<2x8xf32>, tensor<4x8x1xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_scalar_input(%x: tensor<f32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{expects an input of rank at least 1}}
  %0 = dit.linear %x, %w : (tensor<f32>, tensor<4x8xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @linear_features(%x: tensor<2x7xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{expects input features (7) to match weight in-features (8)}}
  %0 = dit.linear %x, %w : (tensor<2x7xf32>, tensor<4x8xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_bias(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{expects bias of shape [4], got [8]}}
  %0 = dit.linear %x, %w, %b : (tensor<2x8xf32>, tensor<4x8xf32>, tensor<8xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @linear_result(%x: tensor<2x8xf32>, %w: tensor<4x8xf32>) {
  // expected-error @+1 {{expects result of shape [2, 4], got [2, 8]}}
  %0 = dit.linear %x, %w : (tensor<2x8xf32>, tensor<4x8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @bmm_rank(%a: tensor<8xf32>, %b: tensor<8xf32>) {
  // expected-error @+1 {{expects lhs of rank at least 2, got rank 1}}
  %0 = dit.batch_matmul %a, %b : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @bmm_rhs_rank(%a: tensor<2x4x8xf32>, %b: tensor<8x4xf32>) {
  // expected-error @+1 {{expects rhs of rank 3, got rank 2}}
  %0 = dit.batch_matmul %a, %b : (tensor<2x4x8xf32>, tensor<8x4xf32>) -> tensor<2x4x4xf32>
  return
}

// -----

func.func @bmm_batch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x4xf32>) {
  // expected-error @+1 {{expects equal batch dimensions, got [2] and [3]}}
  %0 = dit.batch_matmul %a, %b : (tensor<2x4x8xf32>, tensor<3x8x4xf32>) -> tensor<2x4x4xf32>
  return
}

// -----

func.func @bmm_contracted(%a: tensor<2x4x8xf32>, %b: tensor<2x4x8xf32>) {
  // expected-error @+1 {{expects the contracted dimensions to match, got 8 and 4}}
  %0 = dit.batch_matmul %a, %b : (tensor<2x4x8xf32>, tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  return
}

// -----

func.func @bmm_result(%a: tensor<2x4x8xf32>, %b: tensor<2x6x8xf32>) {
  // expected-error @+1 {{expects result of shape [2, 4, 6], got [2, 4, 4]}}
  %0 = dit.batch_matmul %a, %b {transpose_rhs} : (tensor<2x4x8xf32>, tensor<2x6x8xf32>) -> tensor<2x4x4xf32>
  return
}

// -----

func.func @bmm_dtype(%a: tensor<2x4x8xf32>, %b: tensor<2x8x4xf16>) {
  // expected-error @+1 {{failed to verify that all of {lhs, rhs, result} have same element type}}
  %0 = dit.batch_matmul %a, %b : (tensor<2x4x8xf32>, tensor<2x8x4xf16>) -> tensor<2x4x4xf32>
  return
}

// -----

func.func @norm_dtype(%x: tensor<2x8xf32>, %w: tensor<8xf16>, %b: tensor<8xf16>) {
  // expected-error @+1 {{expects all tensors to have the same element type, got 'f32' and 'f16'}}
  %0 = dit.layer_norm %x, %w, %b : (tensor<2x8xf32>, tensor<8xf16>, tensor<8xf16>) -> tensor<2x8xf32>
  return
}

// -----

func.func @norm_weight_only(%x: tensor<2x8xf32>, %w: tensor<8xf32>) {
  // expected-error @+1 {{expects both or neither of weight and bias}}
  %0 = "dit.layer_norm"(%x, %w) <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @norm_scalar(%x: tensor<f32>) {
  // expected-error @+1 {{expects an input of rank at least 1}}
  %0 = dit.layer_norm %x : (tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @norm_weight_shape(%x: tensor<2x8xf32>, %w: tensor<4xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{expects weight of shape [8], got [4]}}
  %0 = dit.layer_norm %x, %w, %b : (tensor<2x8xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @norm_epsilon(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{expects a positive epsilon, got 0}}
  %0 = dit.layer_norm %x {epsilon = 0.0 : f64} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @norm_result(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{expects result of shape [2, 8], got [8, 2]}}
  %0 = dit.layer_norm %x : (tensor<2x8xf32>) -> tensor<8x2xf32>
  return
}

// -----

func.func @modulate_rank(%x: tensor<8xf32>, %s: tensor<8xf32>) {
  // expected-error @+1 {{expects input of rank at least 2 ([N, ..., D]), got rank 1}}
  %0 = dit.modulate %x, %s, %s : tensor<8xf32>, tensor<8xf32>
  return
}

// -----

func.func @modulate_shift(%x: tensor<2x4x8xf32>, %s: tensor<1x8xf32>) {
  // expected-error @+1 {{expects shift and scale of shape [2, 8], got [1, 8]}}
  %0 = dit.modulate %x, %s, %s : tensor<2x4x8xf32>, tensor<1x8xf32>
  return
}

// -----

func.func @modulate_dtype(%x: tensor<2x4x8xf32>, %s: tensor<2x8xf16>) {
  // expected-error @+1 {{failed to verify that all of {input, shift} have same element type}}
  %0 = dit.modulate %x, %s, %s : tensor<2x4x8xf32>, tensor<2x8xf16>
  return
}

// -----

func.func @gated_residual_gate(%x: tensor<2x4x8xf32>, %g: tensor<2x4xf32>) {
  // expected-error @+1 {{expects gate of shape [2, 8], got [2, 4]}}
  %0 = dit.gated_residual %x, %g, %x : tensor<2x4x8xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @add_suffix(%a: tensor<2x4x8xf32>, %b: tensor<4x4xf32>) {
  // expected-error @+1 {{expects the rhs shape [4, 4] to be a suffix of the lhs shape [2, 4, 8]}}
  %0 = dit.add %a, %b : tensor<2x4x8xf32>, tensor<4x4xf32>
  return
}

// -----

func.func @chunk_none(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{expects at least one result}}
  "dit.chunk"(%x) : (tensor<2x8xf32>) -> ()
  return
}

// -----

func.func @chunk_scalar(%x: tensor<f32>) {
  // expected-error @+1 {{expects an input of rank at least 1}}
  %0 = dit.chunk %x : tensor<f32> -> tensor<f32>
  return
}

// -----

func.func @chunk_divide(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{expects the last dimension (8) to split into 3 equal chunks}}
  %0:3 = dit.chunk %x : tensor<2x8xf32> -> tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x4xf32>
  return
}

// -----

func.func @chunk_result(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{expects every result of shape [2, 4], got [2, 2]}}
  %0:2 = dit.chunk %x : tensor<2x8xf32> -> tensor<2x4xf32>, tensor<2x2xf32>
  return
}

// -----

func.func @chunk_dtype(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{expects all tensors to have the same element type, got 'f32' and 'f16'}}
  %0:2 = dit.chunk %x : tensor<2x8xf32> -> tensor<2x4xf32>, tensor<2x4xf16>
  return
}

// -----

func.func @split_heads_rank(%x: tensor<2x48xf32>) {
  // expected-error @+1 {{expects qkv ([N, T, 3 * D]) of rank 3, got rank 2}}
  %q, %k, %v = dit.split_heads %x : tensor<2x48xf32> -> tensor<2x2x1x8xf32>
  return
}

// -----

func.func @split_heads_result_rank(%x: tensor<2x4x48xf32>) {
  // expected-error @+1 {{expects results ([N, heads, T, head_dim]) of rank 4, got rank 3}}
  %q, %k, %v = dit.split_heads %x : tensor<2x4x48xf32> -> tensor<2x4x16xf32>
  return
}

// -----

func.func @split_heads_features(%x: tensor<2x4x48xf32>) {
  // expected-error @+1 {{expects qkv features (48) to equal 3 x heads x head_dim = 3 x 2 x 4}}
  %q, %k, %v = dit.split_heads %x : tensor<2x4x48xf32> -> tensor<2x2x4x4xf32>
  return
}

// -----

func.func @split_heads_tokens(%x: tensor<2x4x48xf32>) {
  // expected-error @+1 {{expects results of shape [2, 2, 4, 8], got [2, 2, 3, 8]}}
  %q, %k, %v = dit.split_heads %x : tensor<2x4x48xf32> -> tensor<2x2x3x8xf32>
  return
}

// -----

func.func @merge_heads_rank(%x: tensor<2x4x8xf32>) {
  // expected-error @+1 {{expects input ([N, heads, T, head_dim]) of rank 4, got rank 3}}
  %0 = dit.merge_heads %x : tensor<2x4x8xf32> -> tensor<2x4x8xf32>
  return
}

// -----

func.func @merge_heads_result(%x: tensor<2x2x4x8xf32>) {
  // expected-error @+1 {{expects result of shape [2, 4, 16], got [2, 4, 8]}}
  %0 = dit.merge_heads %x : tensor<2x2x4x8xf32> -> tensor<2x4x8xf32>
  return
}

// -----

func.func @unpatchify_rank(%x: tensor<4x32xf32>) {
  // expected-error @+1 {{expects input ([N, T, p * p * C]) of rank 3, got rank 2}}
  %0 = dit.unpatchify %x {patch_size = 2 : i64} : tensor<4x32xf32> -> tensor<1x8x4x4xf32>
  return
}

// -----

func.func @unpatchify_result_rank(%x: tensor<1x4x32xf32>) {
  // expected-error @+1 {{expects result ([N, C, H, W]) of rank 4, got rank 3}}
  %0 = dit.unpatchify %x {patch_size = 2 : i64} : tensor<1x4x32xf32> -> tensor<8x4x4xf32>
  return
}

// -----

func.func @unpatchify_divide(%x: tensor<1x4x32xf32>) {
  // expected-error @+1 {{expects the patch size (2) to divide the result height and width, got 5x4}}
  %0 = dit.unpatchify %x {patch_size = 2 : i64} : tensor<1x4x32xf32> -> tensor<1x8x5x4xf32>
  return
}

// -----

func.func @unpatchify_input(%x: tensor<1x4x32xf32>) {
  // expected-error @+1 {{expects input of shape [1, 4, 16], got [1, 4, 32]}}
  %0 = dit.unpatchify %x {patch_size = 2 : i64} : tensor<1x4x32xf32> -> tensor<1x4x4x4xf32>
  return
}

// -----

func.func @unpatchify_patch(%x: tensor<1x4x32xf32>) {
  // expected-error @+1 {{attribute 'patch_size' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %0 = dit.unpatchify %x {patch_size = 0 : i64} : tensor<1x4x32xf32> -> tensor<1x8x4x4xf32>
  return
}

// -----

func.func @cfg_batch_t_rank(%x: tensor<1x4x2x2xf32>, %t: tensor<1x1xf32>, %y: tensor<1xi64>) {
  // expected-error @+1 {{expects timesteps ([N]) of rank 1, got rank 2}}
  %0:3 = dit.cfg_batch %x, %t, %y {null_class = 10} : (tensor<1x4x2x2xf32>, tensor<1x1xf32>, tensor<1xi64>) -> (tensor<2x4x2x2xf32>, tensor<2xf32>, tensor<2xi64>)
  return
}

// -----

func.func @cfg_batch_y_rank(%x: tensor<1x4x2x2xf32>, %t: tensor<1xf32>, %y: tensor<1x1xi64>) {
  // expected-error @+1 {{expects labels ([N]) of rank 1, got rank 2}}
  %0:3 = dit.cfg_batch %x, %t, %y {null_class = 10} : (tensor<1x4x2x2xf32>, tensor<1xf32>, tensor<1x1xi64>) -> (tensor<2x4x2x2xf32>, tensor<2xf32>, tensor<2xi64>)
  return
}

// -----

func.func @cfg_batch_latent_rank(%x: tensor<f32>, %t: tensor<1xf32>, %y: tensor<1xi64>) {
  // expected-error @+1 {{expects a latent of rank at least 1}}
  %0:3 = dit.cfg_batch %x, %t, %y {null_class = 10} : (tensor<f32>, tensor<1xf32>, tensor<1xi64>) -> (tensor<f32>, tensor<2xf32>, tensor<2xi64>)
  return
}

// -----

func.func @cfg_batch_t(%x: tensor<1x4x2x2xf32>, %t: tensor<2xf32>, %y: tensor<1xi64>) {
  // expected-error @+1 {{expects timesteps of shape [1], got [2]}}
  %0:3 = dit.cfg_batch %x, %t, %y {null_class = 10} : (tensor<1x4x2x2xf32>, tensor<2xf32>, tensor<1xi64>) -> (tensor<2x4x2x2xf32>, tensor<2xf32>, tensor<2xi64>)
  return
}

// -----

func.func @cfg_batch_y(%x: tensor<1x4x2x2xf32>, %t: tensor<1xf32>, %y: tensor<3xi64>) {
  // expected-error @+1 {{expects labels of shape [1], got [3]}}
  %0:3 = dit.cfg_batch %x, %t, %y {null_class = 10} : (tensor<1x4x2x2xf32>, tensor<1xf32>, tensor<3xi64>) -> (tensor<2x4x2x2xf32>, tensor<2xf32>, tensor<2xi64>)
  return
}

// -----

func.func @cfg_batch_latent_out(%x: tensor<1x4x2x2xf32>, %t: tensor<1xf32>, %y: tensor<1xi64>) {
  // expected-error @+1 {{expects latent result of shape [2, 4, 2, 2], got [1, 4, 2, 2]}}
  %0:3 = dit.cfg_batch %x, %t, %y {null_class = 10} : (tensor<1x4x2x2xf32>, tensor<1xf32>, tensor<1xi64>) -> (tensor<1x4x2x2xf32>, tensor<2xf32>, tensor<2xi64>)
  return
}

// -----

func.func @cfg_batch_t_out(%x: tensor<1x4x2x2xf32>, %t: tensor<1xf32>, %y: tensor<1xi64>) {
  // expected-error @+1 {{expects timesteps result of shape [2], got [1]}}
  %0:3 = dit.cfg_batch %x, %t, %y {null_class = 10} : (tensor<1x4x2x2xf32>, tensor<1xf32>, tensor<1xi64>) -> (tensor<2x4x2x2xf32>, tensor<1xf32>, tensor<2xi64>)
  return
}

// -----

func.func @cfg_batch_y_out(%x: tensor<1x4x2x2xf32>, %t: tensor<1xf32>, %y: tensor<1xi64>) {
  // expected-error @+1 {{expects labels result of shape [2], got [4]}}
  %0:3 = dit.cfg_batch %x, %t, %y {null_class = 10} : (tensor<1x4x2x2xf32>, tensor<1xf32>, tensor<1xi64>) -> (tensor<2x4x2x2xf32>, tensor<2xf32>, tensor<4xi64>)
  return
}

// -----

func.func @cfg_combine_rank(%x: tensor<2x4x4xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{expects input ([2N, C, H, W]) of rank 4, got rank 3}}
  %0 = dit.cfg_combine %x, %s {guided_channels = 3} : (tensor<2x4x4xf32>, tensor<f32>) -> tensor<1x4x4xf32>
  return
}

// -----

func.func @cfg_combine_odd(%x: tensor<3x4x2x2xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{expects an even batch (conditional and unconditional halves), got 3}}
  %0 = dit.cfg_combine %x, %s {guided_channels = 3} : (tensor<3x4x2x2xf32>, tensor<f32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @cfg_combine_channels(%x: tensor<2x4x2x2xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{expects guided_channels (5) to be at most the channel count (4)}}
  %0 = dit.cfg_combine %x, %s {guided_channels = 5} : (tensor<2x4x2x2xf32>, tensor<f32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @cfg_combine_result(%x: tensor<2x4x2x2xf32>, %s: tensor<f32>) {
  // expected-error @+1 {{expects result of shape [1, 4, 2, 2], got [2, 4, 2, 2]}}
  %0 = dit.cfg_combine %x, %s {guided_channels = 3} : (tensor<2x4x2x2xf32>, tensor<f32>) -> tensor<2x4x2x2xf32>
  return
}

// -----

func.func @cfg_combine_scale(%x: tensor<2x4x2x2xf32>, %s: tensor<1xf32>) {
  // expected-error @+1 {{operand #1 must be 0D tensor of 32-bit float values}}
  %0 = dit.cfg_combine %x, %s {guided_channels = 3} : (tensor<2x4x2x2xf32>, tensor<1xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @gelu_mode(%x: tensor<2xf32>) {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'approximation' [none, tanh]}}
  %0 = dit.gelu fast %x : tensor<2xf32>
  return
}

// -----

func.func @merge_heads_overflow(%x: tensor<1x4294967296x1x4294967297xf32>) {
  // expected-error @+1 {{expects heads x head_dim to fit 64 bits}}
  %0 = dit.merge_heads %x : tensor<1x4294967296x1x4294967297xf32> -> tensor<1x1x4294967296xf32>
  return
}

// -----

func.func @split_heads_overflow(%x: tensor<1x1x0xf32>) {
  // expected-error @+1 {{expects qkv features (0) to equal 3 x heads x head_dim = 3 x 4294967296 x 4294967296}}
  %q, %k, %v = dit.split_heads %x : tensor<1x1x0xf32> -> tensor<1x4294967296x1x4294967296xf32>
  return
}

// -----

func.func @unpatchify_overflow(%x: tensor<1x1x4xf32>) {
  // expected-error @+1 {{expects token and feature counts that fit 64 bits}}
  %0 = dit.unpatchify %x {patch_size = 4294967296 : i64} : tensor<1x1x4xf32> -> tensor<1x4294967296x4294967296x4294967296xf32>
  return
}

// -----

func.func @patch_embed_pos_width(%x: tensor<1x4x4x4xf32>, %w: tensor<6x4x2x2xf32>, %b: tensor<6xf32>) {
  // expected-error @+1 {{expects the embedding size to be divisible by 4 to add the positional embedding, got 6}}
  %0 = dit.patch_embed %x, %w, %b {add_pos_embed} : (tensor<1x4x4x4xf32>, tensor<6x4x2x2xf32>, tensor<6xf32>) -> tensor<1x4x6xf32>
  return
}

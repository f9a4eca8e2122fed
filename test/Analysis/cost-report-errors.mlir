// RUN: dit-opt %s -split-input-file -verify-diagnostics --dit-cost-report -o /dev/null > /dev/null

// Costs need static shapes: a dynamic iteration domain is an error at the op.
func.func @dynamic(%a: tensor<?x8xf32>, %b: tensor<8x16xf32>, %c: tensor<?x16xf32>) -> tensor<?x16xf32> {
  // expected-error @+1 {{cannot compute the cost of an op with a dynamic iteration domain}}
  %r = linalg.matmul ins(%a, %b : tensor<?x8xf32>, tensor<8x16xf32>) outs(%c : tensor<?x16xf32>) -> tensor<?x16xf32>
  return %r : tensor<?x16xf32>
}

// -----

func.func @dynamic_concat(%a: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{cannot compute the cost of an op with dynamically shaped or unsized operands}}
  %c = tensor.concat dim(0) %a, %a : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  return %c : tensor<?xf32>
}

// -----

// Products that do not fit 64 bits are reported, never wrapped.
func.func @overflow(%x: tensor<4294967296x4294967296xf32>) -> tensor<4294967296x4294967296xf32> {
  // expected-error @+1 {{cost of this op overflows 64-bit integers}}
  %0 = dit.softmax %x : tensor<4294967296x4294967296xf32>
  return %0 : tensor<4294967296x4294967296xf32>
}

// -----

// expected-error @+1 {{total cost overflows 64-bit integers}}
module {
  func.func @total_overflow(%x: tensor<1000000000x1000000000xf32>) -> (tensor<1000000000x1000000000xf32>, tensor<1000000000x1000000000xf32>, tensor<1000000000x1000000000xf32>) {
    %0 = dit.gelu tanh %x : tensor<1000000000x1000000000xf32>
    %1 = dit.gelu tanh %0 : tensor<1000000000x1000000000xf32>
    %2 = dit.gelu tanh %1 : tensor<1000000000x1000000000xf32>
    return %0, %1, %2 : tensor<1000000000x1000000000xf32>, tensor<1000000000x1000000000xf32>, tensor<1000000000x1000000000xf32>
  }
}

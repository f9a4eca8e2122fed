// RUN: dit-opt %s --dit-cost-report="format=json" -o /dev/null | FileCheck %s --check-prefix=JSON
// RUN: dit-opt %s --dit-cost-report="format=text" -o /dev/null | FileCheck %s --check-prefix=TEXT

// Ops that carry tensors but have no cost model are listed, never silently
// dropped; terminators, constants and containers are not listed.

// JSON:      "uncosted_ops": [
// JSON-NEXT:   "func.call"
// JSON-NEXT: ]
// TEXT: not costed (no cost model): func.call

func.func private @opaque(tensor<4xf32>) -> tensor<4xf32>

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant dense<1.0> : tensor<4xf32>
  %0 = func.call @opaque(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = arith.addf %0, %c : tensor<4xf32>
  return %1 : tensor<4xf32>
}

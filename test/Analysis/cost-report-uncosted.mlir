// RUN: dit-opt %s --dit-cost-report="format=json" -o /dev/null | FileCheck %s --check-prefix=JSON
// RUN: dit-opt %s --dit-cost-report="format=text" -o /dev/null | FileCheck %s --check-prefix=TEXT

// Ops that carry tensors but have no cost model are listed, never silently
// dropped; terminators, constants and containers are not listed.

// Loops are listed too: their bodies count once, not per iteration.
// JSON:      "uncosted_ops": [
// JSON-NEXT:   "func.call",
// JSON-NEXT:   "scf.for"
// JSON-NEXT: ]
// TEXT: not costed (no cost model): func.call, scf.for

func.func private @opaque(tensor<4xf32>) -> tensor<4xf32>

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant dense<1.0> : tensor<4xf32>
  %0 = func.call @opaque(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = arith.addf %0, %c : tensor<4xf32>
  %lb = arith.constant 0 : index
  %ub = arith.constant 4 : index
  %step = arith.constant 1 : index
  %2 = scf.for %i = %lb to %ub step %step iter_args(%acc = %1) -> (tensor<4xf32>) {
    %n = arith.addf %acc, %c : tensor<4xf32>
    scf.yield %n : tensor<4xf32>
  }
  return %2 : tensor<4xf32>
}

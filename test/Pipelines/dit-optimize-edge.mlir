// Unused ops keep their cost (nothing is deleted behind the report's back),
// ops without a cost model are listed, and without a report the fusions run
// on modules the cost model cannot price (dynamic shapes).
// RUN: dit-opt %s --dit-optimize="report=json" -o /dev/null | FileCheck %s
// RUN: dit-opt %s --dit-optimize | FileCheck %s --check-prefix=IR
// RUN: dit-opt %S/Inputs/dynamic.mlir --dit-optimize | FileCheck %s --check-prefix=DYN
// DYN-LABEL: func.func @dynamic
// DYN:         arith.addf

// CHECK:      "after": {
// CHECK:        "macs": 64,
// CHECK:      "before": {
// CHECK:        "macs": 64,
// CHECK:      "uncosted_ops": [
// CHECK-NEXT:   "func.call"
// IR-LABEL: func.func @unused
// IR:         dit.linear
func.func private @opaque(tensor<2x4xf32>) -> tensor<2x4xf32>
func.func @unused(%x: tensor<2x4xf32>, %w: tensor<8x4xf32>) -> tensor<2x4xf32> {
  %y = dit.linear %x, %w : (tensor<2x4xf32>, tensor<8x4xf32>) -> tensor<2x8xf32>
  %z = func.call @opaque(%x) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %z : tensor<2x4xf32>
}


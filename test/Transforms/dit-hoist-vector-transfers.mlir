// RUN: dit-opt %s --pass-pipeline="builtin.module(func.func(dit-hoist-vector-transfers))" | FileCheck %s

// The accumulator tile is read before the loop and written after it.
// CHECK-LABEL: func.func @accumulate
// CHECK:         %[[INIT:.*]] = vector.transfer_read %arg0
// CHECK:         %[[SUM:.*]] = scf.for {{.*}} iter_args(%[[ACC:.*]] = %[[INIT]]) -> (vector<8xf32>)
// CHECK:           %[[X:.*]] = vector.transfer_read %arg1
// CHECK:           %[[NEXT:.*]] = arith.addf %[[ACC]], %[[X]]
// CHECK:           scf.yield %[[NEXT]]
// CHECK:         vector.transfer_write %[[SUM]], %arg0
func.func @accumulate(%acc: memref<8xf32>, %x: memref<4x8xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %pad = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c4 step %c1 {
    %a = vector.transfer_read %acc[%c0], %pad {in_bounds = [true]} : memref<8xf32>, vector<8xf32>
    %v = vector.transfer_read %x[%i, %c0], %pad {in_bounds = [true]} : memref<4x8xf32>, vector<8xf32>
    %s = arith.addf %a, %v : vector<8xf32>
    vector.transfer_write %s, %acc[%c0] {in_bounds = [true]} : vector<8xf32>, memref<8xf32>
  }
  return
}

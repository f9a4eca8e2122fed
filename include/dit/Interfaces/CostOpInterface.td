//===- CostOpInterface.td - per-op cost facts --------------*- tablegen -*-===//
//
// The interface through which every op, dit or upstream, reports what one
// execution of it costs: multiply-accumulates, arithmetic operations,
// transcendental operations and the bytes it reads and writes.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_INTERFACES_COSTOPINTERFACE
#define DIT_INTERFACES_COSTOPINTERFACE

include "mlir/IR/OpBase.td"

def DiT_CostOpInterface : OpInterface<"CostOpInterface"> {
  let cppNamespace = "::dit";
  let description = [{
    Reports the cost of one execution of an op, computed exactly from its
    static shapes as 64-bit integers (see docs/CostModel.md):

    - `macs`: multiply-accumulates of contractions (linear layers, matmuls,
      convolutions, and `linalg.generic` multiply-accumulate reductions); the
      DiT paper's "flops";
    - `flops`: every arithmetic operation, 2 per MAC, 1 per add, mul, div,
      max, compare or select; transcendental functions are not flops;
    - `transcendentals`: exp, tanh, sin, cos, rsqrt, sqrt, log, erf, as XLA's
      HloCostAnalysis counts them;
    - `bytesRead` / `bytesWritten`: the bytes of the tensors the op reads and
      writes (views such as reshapes and chunks move nothing);
    - `fvcore`: the figure fvcore's FlopCountAnalysis attributes to the
      PyTorch operation this op models.

    dit ops implement it directly; upstream ops (linalg, tensor, arith, math)
    get it through external models, so one analysis works at every level of
    lowering.
  }];

  let methods = [
    InterfaceMethod<[{
        Returns the cost of one execution of this op. On failure (for
        example a dynamic shape) an error has been emitted at the op.
      }],
      "::mlir::FailureOr<::dit::OpCost>", "computeCost", (ins)>,
  ];
}

#endif // DIT_INTERFACES_COSTOPINTERFACE

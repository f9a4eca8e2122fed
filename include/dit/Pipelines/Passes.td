//===- Passes.td - whole-model optimization -----------------*- tablegen -*-===//
//
// --dit-optimize: every dit fusion, with a before/after cost report.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_PIPELINES_PASSES
#define DIT_PIPELINES_PASSES

include "mlir/Pass/PassBase.td"

def DiTOptimize : Pass<"dit-optimize", "::mlir::ModuleOp"> {
  let summary = "Fuse the eager DiT into fewer kernels and report before/after";
  let description = [{
    Runs the dit fusions (layer norm + modulate, the attention core, linear
    epilogues, the positional add in the patch embedding, the horizontal
    adaLN GEMM) on the module, keeping the entry function's signature. With
    `report=text|json` it prints, side by side, the kernels, MACs, FLOPs,
    bytes and (with `target`) estimated time before and after (JSON also
    transcendentals and arithmetic intensity), grouped by top-level module
    kind (`group-by` as in --dit-cost-report) and in total, and lists ops
    without a cost model. The report goes to `output` (default stdout); use
    `-o` for the IR.
  }];
  let options = [
    Option<"report", "report", "std::string", "\"none\"",
           "Report format: none, text or json">,
    Option<"target", "target", "std::string", "\"\"",
           "GPU of data/gpu-targets.json for estimated times (empty: none)">,
    Option<"groupBy", "group-by", "::dit::CostGrouping",
           "::dit::CostGrouping::Top", "How report rows are grouped",
           [{::llvm::cl::values(
             clEnumValN(::dit::CostGrouping::Op, "op", "by operation name"),
             clEnumValN(::dit::CostGrouping::Module, "module", "by module path"),
             clEnumValN(::dit::CostGrouping::Block, "block", "by top-level module"),
             clEnumValN(::dit::CostGrouping::Kind, "kind", "by module path without indices"),
             clEnumValN(::dit::CostGrouping::Top, "top", "by top-level module kind"))}]>,
    Option<"output", "output", "std::string", "\"-\"",
           "File for the report ('-' for stdout)">,
  ];
  let dependentDialects = ["::dit::DiTDialect", "::mlir::tensor::TensorDialect"];
}

#endif // DIT_PIPELINES_PASSES

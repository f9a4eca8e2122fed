//===- Passes.td - analysis printing passes ----------------*- tablegen -*-===//
//
// Passes that print the results of dit analyses.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_ANALYSIS_PASSES
#define DIT_ANALYSIS_PASSES

include "mlir/Pass/PassBase.td"

def DiTCostReport : Pass<"dit-cost-report", "::mlir::ModuleOp"> {
  let summary = "Print the FLOP/MAC, transcendental and byte counts of a module";
  let description = [{
    Runs the cost analysis (every op's `CostOpInterface`) over the module and
    prints a report grouped by op, module path, top-level block or module
    kind, under one of four counting conventions:

    - `paper`: contraction MACs (the DiT paper's "Gflops");
    - `fvcore`: what fvcore's FlopCountAnalysis prints for the reference
      PyTorch model (MACs + 4 per LayerNorm element + the unpatchify einsum);
    - `torch`: what `torch.utils.flop_counter` prints (2 x MACs);
    - `full`: every arithmetic operation performed, transcendentals apart.

    Every op that reads or writes memory counts as one kernel; with
    `target=h200` (or another GPU of data/gpu-targets.json) each kernel also
    gets an estimated time, max(compute, memory) + launch overhead.

    The IR passes through unchanged. With `steps=S` the report adds the cost
    of S sampling steps per image (the module's `dit.images_per_call`
    attribute gives the images one call produces). Ops that carry tensors
    but implement no cost model are listed, never silently dropped.
  }];
  let options = [
    Option<"convention", "convention", "::dit::CostConvention",
           "::dit::CostConvention::Paper", "Counting convention",
           [{::llvm::cl::values(
             clEnumValN(::dit::CostConvention::Paper, "paper",
                        "contraction MACs, as the DiT paper counts"),
             clEnumValN(::dit::CostConvention::Fvcore, "fvcore",
                        "fvcore's FlopCountAnalysis"),
             clEnumValN(::dit::CostConvention::Torch, "torch",
                        "torch.utils.flop_counter (2 flops per MAC)"),
             clEnumValN(::dit::CostConvention::Full, "full",
                        "every arithmetic operation"))}]>,
    Option<"format", "format", "::dit::ReportFormat",
           "::dit::ReportFormat::Text", "Output format",
           [{::llvm::cl::values(
             clEnumValN(::dit::ReportFormat::Text, "text", "a readable table"),
             clEnumValN(::dit::ReportFormat::Json, "json", "one JSON object"))}]>,
    Option<"groupBy", "group-by", "::dit::CostGrouping",
           "::dit::CostGrouping::Block", "How rows are grouped",
           [{::llvm::cl::values(
             clEnumValN(::dit::CostGrouping::Op, "op", "by operation name"),
             clEnumValN(::dit::CostGrouping::Module, "module",
                        "by module path (blocks.3.attn.qkv)"),
             clEnumValN(::dit::CostGrouping::Block, "block",
                        "by top-level module (blocks.3, x_embedder)"),
             clEnumValN(::dit::CostGrouping::Kind, "kind",
                        "by module path without indices (blocks.attn.qkv)"),
             clEnumValN(::dit::CostGrouping::Top, "top",
                        "by top-level module kind (blocks, final_layer)"))}]>,
    Option<"output", "output", "std::string", "\"-\"",
           "File to write the report to ('-' for stdout)">,
    Option<"steps", "steps", "int64_t", "0",
           "Sampling steps for a per-image sampling cost (0: off)">,
    Option<"target", "target", "std::string", "\"\"",
           "GPU of data/gpu-targets.json (a100, h100, h200) for estimated "
           "kernel times (empty: none)">,
  ];
}

#endif // DIT_ANALYSIS_PASSES

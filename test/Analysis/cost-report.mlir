// RUN: dit-opt %s --dit-cost-report="convention=paper format=json group-by=block" -o /dev/null | FileCheck %s --check-prefix=PAPER
// RUN: dit-opt %s --dit-cost-report="convention=fvcore format=json group-by=op" -o /dev/null | FileCheck %s --check-prefix=FVCORE
// RUN: dit-opt %s --dit-cost-report="convention=torch format=json group-by=kind" -o /dev/null | FileCheck %s --check-prefix=TORCH
// RUN: dit-opt %s --dit-cost-report="convention=full format=text group-by=module" -o /dev/null | FileCheck %s --check-prefix=TEXT
// RUN: dit-opt %s --dit-cost-report="convention=full format=json" -o /dev/null | %python -c "import json, sys; json.load(sys.stdin)"
// RUN: dit-opt %s --dit-cost-report | FileCheck %s --check-prefix=IR

// Expected figures, by hand from the shapes (f32, 4 bytes):
// linear [2,3,8] x [4,8]^T + [4]: MACs 2*3*4*8 = 192, flops 2*192 + 24 = 408,
//   bytes 4*(48 + 32 + 4 + 24) = 432.
// softmax [2,4,4]: flops 4*32 = 128, transcendentals 32, bytes 4*64 = 256.
// layer_norm [2,3,8] (6 rows): flops 5*48 + 3*6 = 258, transcendentals 6,
//   fvcore 4*48 = 192, bytes 4*96 = 384.
// Totals: MACs 192, flops 794, transcendentals 38, bytes 1072,
//   fvcore 192 + 192 = 384, torch 2*192 = 384.

func.func @small(%x: tensor<2x3x8xf32>, %w: tensor<4x8xf32>, %b: tensor<4xf32>,
                 %s: tensor<2x4x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x4x4xf32>, tensor<2x3x8xf32>) {
  %0 = dit.linear %x, %w, %b : (tensor<2x3x8xf32>, tensor<4x8xf32>, tensor<4xf32>) -> tensor<2x3x4xf32> loc("blocks.0.attn.qkv")
  %1 = dit.softmax %s : tensor<2x4x4xf32> loc("blocks.1.attn.softmax")
  %2 = dit.layer_norm %x : (tensor<2x3x8xf32>) -> tensor<2x3x8xf32> loc("final_layer.norm_final")
  return %0, %1, %2 : tensor<2x3x4xf32>, tensor<2x4x4xf32>, tensor<2x3x8xf32>
}

// PAPER:      "convention": "paper",
// PAPER-NEXT: "groups": [
// PAPER-NEXT:   {
// PAPER-NEXT:     "bytes": 432,
// PAPER-NEXT:     "count": 192,
// PAPER-NEXT:     "flops": 408,
// PAPER-NEXT:     "intensity": {{[0-9.e+-]+}},
// PAPER-NEXT:     "kernels": 1,
// PAPER-NEXT:     "macs": 192,
// PAPER-NEXT:     "name": "blocks.0",
// PAPER-NEXT:     "transcendentals": 0
// PAPER:          "name": "blocks.1",
// PAPER:          "name": "final_layer",
// PAPER:      "total": {
// PAPER-NEXT:   "bytes": 1072,
// PAPER-NEXT:   "count": 192,
// PAPER-NEXT:   "flops": 794,
// PAPER-NEXT:   "intensity": {{[0-9.e+-]+}},
// PAPER-NEXT:   "kernels": 3,
// PAPER-NEXT:   "macs": 192,
// PAPER-NEXT:   "transcendentals": 38
// PAPER-NOT:  "sampling"
// PAPER-NOT:  "uncosted_ops"

// FVCORE:      "count": 192,
// FVCORE:      "name": "dit.linear",
// FVCORE:      "count": 0,
// FVCORE:      "name": "dit.softmax",
// FVCORE:      "count": 192,
// FVCORE:      "name": "dit.layer_norm",
// FVCORE:      "total": {
// FVCORE-NEXT:   "bytes": 1072,
// FVCORE-NEXT:   "count": 384,

// TORCH:      "name": "blocks.attn.qkv",
// TORCH:      "name": "blocks.attn.softmax",
// TORCH:      "name": "final_layer.norm_final",
// TORCH:      "total": {
// TORCH-NEXT:   "bytes": 1072,
// TORCH-NEXT:   "count": 384,

// TEXT:      dit cost report: convention full, count = all arithmetic flops (transcendentals apart)
// TEXT-NEXT: group                        count        MACs       FLOPs     transc.       bytes  kernels
// TEXT:      blocks.0.attn.qkv              408         192         408           0       432 B        1
// TEXT-NEXT: blocks.1.attn.softmax          128           0         128          32       256 B        1
// TEXT-NEXT: final_layer.norm_final         258           0         258           6       384 B        1
// TEXT:      total                          794         192         794          38     1.07 KB        3
// TEXT-NEXT: total count: 794 (794), 3 kernels

// The IR passes through unchanged.
// IR-LABEL: func.func @small
// IR:         dit.linear
// IR:         dit.softmax
// IR:         dit.layer_norm

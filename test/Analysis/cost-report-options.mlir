// Bad pass options and outputs give a diagnostic and a non-zero exit.
// RUN: not dit-opt %s --dit-cost-report="convention=flops" 2>&1 | FileCheck %s --check-prefix=CONVENTION
// RUN: not dit-opt %s --dit-cost-report="format=xml" 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not dit-opt %s --dit-cost-report="group-by=layer" 2>&1 | FileCheck %s --check-prefix=GROUP
// RUN: not dit-opt %s --dit-cost-report="steps=many" 2>&1 | FileCheck %s --check-prefix=STEPS
// RUN: not dit-opt %s --dit-cost-report="steps=-1" 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not dit-opt %s --dit-cost-report="colour=red" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not dit-opt %s --dit-cost-report="output=%t.missing/dir/report.txt" 2>&1 | FileCheck %s --check-prefix=OUTPUT
// RUN: not dit-opt %s --dit-cost-report="steps=10" --mlir-disable-threading 2>&1 | FileCheck %s --check-prefix=IMAGES

// CONVENTION: for the --convention option: Cannot find option named 'flops'!
// FORMAT: for the --format option: Cannot find option named 'xml'!
// GROUP: for the --group-by option: Cannot find option named 'layer'!
// STEPS: for the --steps option: 'many' value invalid for {{.*}} argument!
// NEGATIVE: error: 'steps' must be non-negative, got -1
// UNKNOWN: no such option colour
// OUTPUT: error: cannot open report output '{{.*}}report.txt': {{.*}}
// IMAGES: error: 'dit.images_per_call' must be positive, got 0

module attributes {dit.images_per_call = 0 : i64} {
  func.func @f(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
    %0 = dit.silu %x : tensor<2x8xf32>
    return %0 : tensor<2x8xf32>
  }
}

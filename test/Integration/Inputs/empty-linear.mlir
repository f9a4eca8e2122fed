func.func @forward(%x: tensor<2x4xf32> {dit.name = "in.x"}, %w: tensor<0x4xf32> {dit.name = "in.w"}) -> tensor<2x0xf32> {
  %0 = dit.linear %x, %w : (tensor<2x4xf32>, tensor<0x4xf32>) -> tensor<2x0xf32>
  return %0 : tensor<2x0xf32>
}

func.func @forward(%x: tensor<1x2x2x2xf32> {dit.name = "x"}) -> tensor<1x2x2x2xf32> {
  return %x : tensor<1x2x2x2xf32>
}

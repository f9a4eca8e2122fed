func.func @forward(%x: tensor<4xf64> {dit.name = "x"}) -> tensor<4xf64> {
  return %x : tensor<4xf64>
}

//===- CostOpInterface.cpp - per-op cost facts ----------------------------===//
//
// Checked integer arithmetic of OpCost and the generated interface methods.
//
//===----------------------------------------------------------------------===//

#include "dit/Interfaces/CostOpInterface.h"

#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace dit;

#include "dit/Interfaces/CostOpInterface.cpp.inc"

std::optional<int64_t> dit::checkedProduct(ArrayRef<int64_t> factors) {
  int64_t result = 1;
  for (int64_t factor : factors)
    if (llvm::MulOverflow(result, factor, result))
      return std::nullopt;
  return result;
}

int64_t OpCost::product(std::initializer_list<int64_t> factors) {
  std::optional<int64_t> result = checkedProduct(factors);
  if (!result) {
    overflow = true;
    return 0;
  }
  return *result;
}

int64_t OpCost::elements(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped)
    return 1;
  if (!shaped.hasRank() || !shaped.hasStaticShape()) {
    incomplete = true;
    return 0;
  }
  int64_t result = 1;
  for (int64_t dim : shaped.getShape())
    result = product({result, dim});
  return result;
}

void OpCost::add(int64_t &field, int64_t value) {
  int64_t next;
  if (llvm::AddOverflow(field, value, next)) {
    overflow = true;
    return;
  }
  field = next;
}

void OpCost::addContraction(int64_t count) {
  add(macs, count);
  add(flops, product({2, count}));
  add(fvcore, count);
}

std::optional<int64_t> dit::getTypeBytes(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped)
    return 0;
  if (!shaped.hasStaticShape())
    return std::nullopt;
  Type elementType = shaped.getElementType();
  unsigned bits;
  if (elementType.isIntOrIndexOrFloat())
    bits = elementType.isIndex() ? 64 : elementType.getIntOrFloatBitWidth();
  else if (auto complex = dyn_cast<ComplexType>(elementType);
           complex && complex.getElementType().isIntOrFloat())
    bits = 2 * complex.getElementType().getIntOrFloatBitWidth();
  else
    return std::nullopt;
  OpCost checked;
  int64_t result =
      checked.product({checked.elements(shaped), (int64_t(bits) + 7) / 8});
  if (checked.overflow)
    return std::nullopt;
  return result;
}

/// Adds the bytes of `type` to `field` of `cost`, or marks it incomplete.
static void addBytes(OpCost &cost, int64_t &field, Type type) {
  std::optional<int64_t> bytes = getTypeBytes(type);
  if (!bytes) {
    auto shaped = dyn_cast<ShapedType>(type);
    // A static shape whose size does not fit 64 bits is an overflow; a
    // dynamic shape or an unsized element type is unknown.
    if (shaped && shaped.hasStaticShape() &&
        shaped.getElementType().isIntOrIndexOrFloat())
      cost.overflow = true;
    else
      cost.incomplete = true;
    return;
  }
  cost.add(field, *bytes);
}

void OpCost::addRead(Type type) { addBytes(*this, bytesRead, type); }

void OpCost::addWritten(Type type) { addBytes(*this, bytesWritten, type); }

void OpCost::addOperandsAndResults(Operation *op) {
  for (Type type : op->getOperandTypes())
    addRead(type);
  for (Type type : op->getResultTypes())
    addWritten(type);
}

OpCost &OpCost::operator+=(const OpCost &other) {
  add(macs, other.macs);
  add(flops, other.flops);
  add(transcendentals, other.transcendentals);
  add(bytesRead, other.bytesRead);
  add(bytesWritten, other.bytesWritten);
  add(fvcore, other.fvcore);
  overflow |= other.overflow;
  incomplete |= other.incomplete;
  return *this;
}

int64_t OpCost::bytes() {
  int64_t total = bytesRead;
  add(total, bytesWritten);
  return total;
}

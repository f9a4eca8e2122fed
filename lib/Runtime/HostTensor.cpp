//===- HostTensor.cpp - host tensors and float conversions ----------------===//
//
// Element kinds, element access, and the f16/bf16 bit conversions used when
// weights and inputs are rounded to a module's dtype.
//
//===----------------------------------------------------------------------===//

#include "dit/Runtime/HostTensor.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstring>

using namespace dit;

int64_t dit::getElementSize(ElementKind kind) {
  switch (kind) {
  case ElementKind::F64:
  case ElementKind::I64:
  case ElementKind::U64:
    return 8;
  case ElementKind::F32:
  case ElementKind::I32:
  case ElementKind::U32:
    return 4;
  case ElementKind::F16:
  case ElementKind::BF16:
  case ElementKind::I16:
  case ElementKind::U16:
    return 2;
  case ElementKind::I8:
  case ElementKind::U8:
  case ElementKind::Bool:
    return 1;
  }
  llvm_unreachable("unknown element kind");
}

llvm::StringRef dit::getSafeTensorsName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F64:
    return "F64";
  case ElementKind::F32:
    return "F32";
  case ElementKind::F16:
    return "F16";
  case ElementKind::BF16:
    return "BF16";
  case ElementKind::I64:
    return "I64";
  case ElementKind::I32:
    return "I32";
  case ElementKind::I16:
    return "I16";
  case ElementKind::I8:
    return "I8";
  case ElementKind::U64:
    return "U64";
  case ElementKind::U32:
    return "U32";
  case ElementKind::U16:
    return "U16";
  case ElementKind::U8:
    return "U8";
  case ElementKind::Bool:
    return "BOOL";
  }
  llvm_unreachable("unknown element kind");
}

bool dit::isFloatKind(ElementKind kind) {
  return kind == ElementKind::F64 || kind == ElementKind::F32 ||
         kind == ElementKind::F16 || kind == ElementKind::BF16;
}

std::string dit::formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

int64_t HostTensor::numElements() const {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// Reads a `T` from unaligned memory.
template <typename T> static T load(const char *data, int64_t index) {
  T value;
  std::memcpy(&value, data + index * sizeof(T), sizeof(T));
  return value;
}

double HostTensor::getAsDouble(int64_t i) const {
  const char *p = data.data();
  switch (kind) {
  case ElementKind::F64:
    return load<double>(p, i);
  case ElementKind::F32:
    return load<float>(p, i);
  case ElementKind::F16:
    return halfBitsToFloat(load<uint16_t>(p, i));
  case ElementKind::BF16:
    return bfloat16BitsToFloat(load<uint16_t>(p, i));
  case ElementKind::I64:
    return static_cast<double>(load<int64_t>(p, i));
  case ElementKind::I32:
    return load<int32_t>(p, i);
  case ElementKind::I16:
    return load<int16_t>(p, i);
  case ElementKind::I8:
    return load<int8_t>(p, i);
  case ElementKind::U64:
    return static_cast<double>(load<uint64_t>(p, i));
  case ElementKind::U32:
    return load<uint32_t>(p, i);
  case ElementKind::U16:
    return load<uint16_t>(p, i);
  case ElementKind::U8:
  case ElementKind::Bool:
    return load<uint8_t>(p, i);
  }
  llvm_unreachable("unknown element kind");
}

bool HostTensor::getAsInt64(int64_t i, int64_t &value) const {
  const char *p = data.data();
  switch (kind) {
  case ElementKind::I64:
    value = load<int64_t>(p, i);
    return true;
  case ElementKind::U64: {
    uint64_t v = load<uint64_t>(p, i);
    value = static_cast<int64_t>(v);
    return v <= static_cast<uint64_t>(INT64_MAX);
  }
  case ElementKind::I32:
  case ElementKind::I16:
  case ElementKind::I8:
  case ElementKind::U32:
  case ElementKind::U16:
  case ElementKind::U8:
  case ElementKind::Bool:
    value = static_cast<int64_t>(getAsDouble(i));
    return true;
  case ElementKind::F64:
  case ElementKind::F32:
  case ElementKind::F16:
  case ElementKind::BF16:
    return false;
  }
  llvm_unreachable("unknown element kind");
}

uint16_t dit::floatToHalfBits(float value) {
  llvm::APFloat converted(value);
  bool losesInfo;
  converted.convert(llvm::APFloat::IEEEhalf(),
                    llvm::APFloat::rmNearestTiesToEven, &losesInfo);
  return static_cast<uint16_t>(converted.bitcastToAPInt().getZExtValue());
}

float dit::halfBitsToFloat(uint16_t bits) {
  llvm::APFloat half(llvm::APFloat::IEEEhalf(), llvm::APInt(16, bits));
  bool losesInfo;
  half.convert(llvm::APFloat::IEEEsingle(), llvm::APFloat::rmNearestTiesToEven,
               &losesInfo);
  return half.convertToFloat();
}

uint16_t dit::floatToBFloat16Bits(float value) {
  uint32_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  if (std::isnan(value))
    return static_cast<uint16_t>((bits >> 16) | 0x40);
  uint32_t roundingBias = 0x7fff + ((bits >> 16) & 1);
  return static_cast<uint16_t>((bits + roundingBias) >> 16);
}

float dit::bfloat16BitsToFloat(uint16_t bits) {
  uint32_t widened = static_cast<uint32_t>(bits) << 16;
  float value;
  std::memcpy(&value, &widened, sizeof(value));
  return value;
}

//===- HostTensor.h - tensors in host memory, safetensors and .npy -*- C++ -*-//
//
// The host-side tensor files dit-run reads and writes: safetensors weight
// files (memory-mapped, validated before use) and numpy .npy arrays. Every
// reader checks sizes and offsets against the file, so a truncated or
// corrupt file is an error, never an out-of-bounds read.
//
//===----------------------------------------------------------------------===//

#ifndef DIT_RUNTIME_HOSTTENSOR_H
#define DIT_RUNTIME_HOSTTENSOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dit {

/// Element types of tensors in files.
enum class ElementKind {
  F64,
  F32,
  F16,
  BF16,
  I64,
  I32,
  I16,
  I8,
  U64,
  U32,
  U16,
  U8,
  Bool
};

/// Returns the size in bytes of one element of `kind`.
int64_t getElementSize(ElementKind kind);
/// Returns the safetensors name of `kind` ("F32", "BF16", ...).
llvm::StringRef getSafeTensorsName(ElementKind kind);
/// Returns true for F64, F32, F16 and BF16.
bool isFloatKind(ElementKind kind);

/// A dense, row-major, little-endian tensor in host memory.
struct HostTensor {
  ElementKind kind = ElementKind::F32;
  llvm::SmallVector<int64_t> shape;
  std::vector<char> data;

  /// The number of elements (1 for a scalar).
  int64_t numElements() const;
  /// Element `i` converted to double (exact for every kind but 64-bit
  /// integers beyond 2^53).
  double getAsDouble(int64_t i) const;
  /// Element `i` of an integer kind as int64_t; false if it does not fit.
  bool getAsInt64(int64_t i, int64_t &value) const;
};

/// Formats a shape as "[a, b, c]".
std::string formatShape(llvm::ArrayRef<int64_t> shape);

/// A read-only view of one tensor in a safetensors file.
struct TensorView {
  ElementKind kind;
  llvm::SmallVector<int64_t> shape;
  llvm::ArrayRef<char> bytes;
};

/// A validated, memory-mapped safetensors file.
class SafeTensorsFile {
public:
  /// Opens and validates `path`: the header length and JSON, every dtype,
  /// shape and data offset, sizes against shapes, and overlaps.
  static llvm::Expected<std::unique_ptr<SafeTensorsFile>>
  open(llvm::StringRef path);

  /// Returns the tensor named `name`, or null.
  const TensorView *lookup(llvm::StringRef name) const;
  /// The tensor names in file order.
  llvm::ArrayRef<std::string> getNames() const { return names; }

private:
  std::unique_ptr<llvm::MemoryBuffer> buffer;
  llvm::StringMap<TensorView> tensors;
  std::vector<std::string> names;
};

/// Writes `tensors` (name, tensor) to a safetensors file at `path`.
llvm::Error
writeSafeTensors(llvm::StringRef path,
                 llvm::ArrayRef<std::pair<std::string, HostTensor>> tensors);

/// Reads a .npy file (format 1.0, 2.0 or 3.0; little-endian, C order).
llvm::Expected<HostTensor> readNpy(llvm::StringRef path);

/// Writes `tensor` as a .npy file (format 1.0).
llvm::Error writeNpy(llvm::StringRef path, const HostTensor &tensor);

/// Converts a float `value` to the bits of an IEEE half (round to nearest
/// even).
uint16_t floatToHalfBits(float value);
/// Converts IEEE half bits to float.
float halfBitsToFloat(uint16_t bits);
/// Converts a float `value` to bfloat16 bits (round to nearest even; NaN
/// stays NaN).
uint16_t floatToBFloat16Bits(float value);
/// Converts bfloat16 bits to float.
float bfloat16BitsToFloat(uint16_t bits);

} // namespace dit

#endif // DIT_RUNTIME_HOSTTENSOR_H

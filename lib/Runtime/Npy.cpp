//===- Npy.cpp - read and write numpy .npy arrays -------------------------===//
//
// Format: "\x93NUMPY", a version (1.0, 2.0 or 3.0), a header length (2 bytes
// for 1.0, 4 otherwise), a Python dict literal {'descr': '<f4',
// 'fortran_order': False, 'shape': (2, 3), } and the raw data.
//
//===----------------------------------------------------------------------===//

#include "dit/Runtime/HostTensor.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

using namespace dit;
using llvm::createStringError;
using llvm::Expected;
using llvm::StringRef;

static llvm::Error npyError(StringRef path, const llvm::Twine &message) {
  return createStringError(llvm::inconvertibleErrorCode(),
                           path + ": " + message);
}

/// Returns `text` with non-printable bytes replaced by '?', for messages.
static std::string printable(StringRef text) {
  std::string result = text.take_front(64).str();
  for (char &c : result)
    if (!llvm::isPrint(c))
      c = '?';
  return result;
}

/// Returns the text after `key` and the following ':' in a header dict, or
/// std::nullopt.
static std::optional<StringRef> valueAfter(StringRef header, StringRef key) {
  size_t at = header.find(key);
  if (at == StringRef::npos)
    return std::nullopt;
  StringRef rest = header.drop_front(at + key.size()).ltrim();
  if (!rest.consume_front(":"))
    return std::nullopt;
  return rest.ltrim();
}

/// Parses a numpy dtype descriptor such as '<f4', '|u1'.
static std::optional<ElementKind> parseDescr(StringRef descr, bool &bigEndian) {
  bigEndian = descr.starts_with(">");
  StringRef code = descr.drop_front(1);
  return llvm::StringSwitch<std::optional<ElementKind>>(code)
      .Case("f8", ElementKind::F64)
      .Case("f4", ElementKind::F32)
      .Case("f2", ElementKind::F16)
      .Case("i8", ElementKind::I64)
      .Case("i4", ElementKind::I32)
      .Case("i2", ElementKind::I16)
      .Case("i1", ElementKind::I8)
      .Case("u8", ElementKind::U64)
      .Case("u4", ElementKind::U32)
      .Case("u2", ElementKind::U16)
      .Case("u1", ElementKind::U8)
      .Case("b1", ElementKind::Bool)
      .Default(std::nullopt);
}

Expected<HostTensor> dit::readNpy(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return npyError(path,
                    "cannot read .npy file: " + buffer.getError().message());
  StringRef contents = (*buffer)->getBuffer();
  if (contents.size() < 10 || !contents.starts_with("\x93NUMPY"))
    return npyError(path, "not a .npy file (bad magic or truncated)");
  uint8_t major = contents[6];
  size_t lengthBytes = major == 1 ? 2 : 4;
  if (major < 1 || major > 3)
    return npyError(path, "unsupported .npy version " + llvm::Twine(major));
  if (contents.size() < 8 + lengthBytes)
    return npyError(path, "truncated .npy header");
  uint64_t headerBytes = 0;
  for (size_t i = lengthBytes; i > 0; --i)
    headerBytes = (headerBytes << 8) | static_cast<uint8_t>(contents[7 + i]);
  size_t dataStart = 8 + lengthBytes + headerBytes;
  if (dataStart > contents.size())
    return npyError(path, "truncated .npy header: " + llvm::Twine(headerBytes) +
                              " header bytes announced");
  StringRef header = contents.substr(8 + lengthBytes, headerBytes);

  std::optional<StringRef> descr = valueAfter(header, "'descr'");
  std::optional<StringRef> order = valueAfter(header, "'fortran_order'");
  std::optional<StringRef> shapeText = valueAfter(header, "'shape'");
  if (!descr || !order || !shapeText || !descr->starts_with("'"))
    return npyError(path, "corrupt .npy header (needs 'descr', "
                          "'fortran_order' and 'shape')");
  StringRef descrValue =
      descr->drop_front().take_until([](char c) { return c == '\''; });
  bool bigEndian;
  std::optional<ElementKind> kind = parseDescr(descrValue, bigEndian);
  if (!kind)
    return npyError(path,
                    "unsupported .npy dtype '" + printable(descrValue) + "'");
  if (bigEndian && getElementSize(*kind) > 1)
    return npyError(path, "big-endian .npy arrays are not supported");
  if (order->starts_with("True"))
    return npyError(path, "Fortran-order .npy arrays are not supported "
                          "(save with np.ascontiguousarray)");
  if (!shapeText->starts_with("("))
    return npyError(path, "corrupt .npy shape");
  StringRef dims =
      shapeText->drop_front().take_until([](char c) { return c == ')'; });
  HostTensor tensor;
  tensor.kind = *kind;
  int64_t elements = 1;
  while (!(dims = dims.trim()).empty()) {
    StringRef item;
    std::tie(item, dims) = dims.split(',');
    item = item.trim();
    int64_t dim;
    if (item.getAsInteger(10, dim) || dim < 0 ||
        llvm::MulOverflow(elements, dim, elements))
      return npyError(path, "corrupt .npy shape");
    tensor.shape.push_back(dim);
  }
  int64_t bytes;
  if (llvm::MulOverflow(elements, getElementSize(*kind), bytes) ||
      static_cast<uint64_t>(bytes) != contents.size() - dataStart)
    return npyError(path, "holds " + llvm::Twine(contents.size() - dataStart) +
                              " data bytes, shape " +
                              formatShape(tensor.shape) + " needs " +
                              llvm::Twine(bytes));
  tensor.data.assign(contents.begin() + dataStart, contents.end());
  return tensor;
}

llvm::Error dit::writeNpy(StringRef path, const HostTensor &tensor) {
  if (tensor.kind != ElementKind::F32)
    return npyError(path, "only f32 arrays are written");
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
  for (int64_t dim : tensor.shape)
    header += std::to_string(dim) + ", ";
  if (!tensor.shape.empty())
    header.resize(header.size() - (tensor.shape.size() == 1 ? 1 : 2));
  header += "), }";
  // Pad with spaces and a newline so the data is 64-byte aligned.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';

  std::error_code error;
  llvm::raw_fd_ostream out(path, error, llvm::sys::fs::OF_None);
  if (error)
    return npyError(path, "cannot write: " + error.message());
  out << "\x93NUMPY" << '\x01' << '\x00';
  out << static_cast<char>(header.size() & 0xff)
      << static_cast<char>(header.size() >> 8);
  out << header;
  out.write(tensor.data.data(), tensor.data.size());
  out.close();
  if (out.has_error())
    return npyError(path, "cannot write: " + out.error().message());
  return llvm::Error::success();
}

//===- SafeTensors.cpp - read and write safetensors files -----------------===//
//
// Format: an 8-byte little-endian header length N, N bytes of JSON
// {name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__"},
// then the data; offsets are relative to the end of the header. Everything
// is validated before any tensor is handed out.
//
//===----------------------------------------------------------------------===//

#include "dit/Runtime/HostTensor.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace dit;
using llvm::createStringError;
using llvm::Expected;
using llvm::StringRef;

/// Largest header accepted (the format's reference implementation caps it
/// at 100 MB).
static constexpr uint64_t kMaxHeaderBytes = 100'000'000;

/// Returns an error "<path>: <message>".
static llvm::Error fileError(StringRef path, const llvm::Twine &message) {
  return createStringError(llvm::inconvertibleErrorCode(),
                           path + ": " + message);
}

/// Parses a safetensors dtype name.
static std::optional<ElementKind> parseDType(StringRef name) {
  for (ElementKind kind :
       {ElementKind::F64, ElementKind::F32, ElementKind::F16, ElementKind::BF16,
        ElementKind::I64, ElementKind::I32, ElementKind::I16, ElementKind::I8,
        ElementKind::U64, ElementKind::U32, ElementKind::U16, ElementKind::U8,
        ElementKind::Bool})
    if (getSafeTensorsName(kind) == name)
      return kind;
  return std::nullopt;
}

/// Returns the first key that occurs twice at the top level of the JSON
/// object `text` (llvm::json keeps only the last of duplicate keys), or an
/// empty string.
static std::string findDuplicateKey(StringRef text) {
  llvm::StringSet<> keys;
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == '"') {
      // Scan the string, honouring escapes.
      size_t start = ++i;
      while (i < text.size() && text[i] != '"')
        i += text[i] == '\\' ? 2 : 1;
      StringRef token = text.slice(start, std::min(i, text.size()));
      size_t next = text.find_first_not_of(" \t\r\n", i + 1);
      bool isKey = next != StringRef::npos && text[next] == ':';
      if (depth == 1 && isKey && !keys.insert(token).second)
        return token.str();
    }
  }
  return "";
}

Expected<std::unique_ptr<SafeTensorsFile>>
SafeTensorsFile::open(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return fileError(path, "cannot read safetensors file: " +
                               buffer.getError().message());
  auto file = std::unique_ptr<SafeTensorsFile>(new SafeTensorsFile());
  file->buffer = std::move(*buffer);
  StringRef contents = file->buffer->getBuffer();
  if (contents.size() < 8)
    return fileError(
        path, "truncated safetensors file: " + llvm::Twine(contents.size()) +
                  " bytes, no 8-byte header length");
  uint64_t headerBytes = 0;
  for (int i = 7; i >= 0; --i)
    headerBytes = (headerBytes << 8) | static_cast<uint8_t>(contents[i]);
  if (headerBytes > kMaxHeaderBytes || headerBytes > contents.size() - 8)
    return fileError(path, "corrupt safetensors file: header length " +
                               llvm::Twine(headerBytes) +
                               " exceeds the file (" +
                               llvm::Twine(contents.size()) + " bytes)");
  StringRef header = contents.substr(8, headerBytes);
  StringRef data = contents.drop_front(8 + headerBytes);

  Expected<llvm::json::Value> parsed = llvm::json::parse(header);
  if (!parsed)
    return fileError(path, "corrupt safetensors header: " +
                               llvm::toString(parsed.takeError()));
  const llvm::json::Object *root = parsed->getAsObject();
  if (!root)
    return fileError(path, "corrupt safetensors header: not a JSON object");
  if (std::string duplicate = findDuplicateKey(header); !duplicate.empty())
    return fileError(path, "corrupt safetensors header: tensor '" + duplicate +
                               "' appears twice");

  struct Extent {
    uint64_t begin, end;
    std::string name;
  };
  std::vector<Extent> extents;
  for (const auto &[key, value] : *root) {
    std::string name = key.str();
    if (name == "__metadata__")
      continue;
    auto fail = [&](const llvm::Twine &what) {
      return fileError(path, "corrupt entry '" + name + "': " + what);
    };
    const llvm::json::Object *entry = value.getAsObject();
    if (!entry)
      return fail("not a JSON object");
    std::optional<StringRef> dtype = entry->getString("dtype");
    if (!dtype)
      return fail("missing 'dtype'");
    std::optional<ElementKind> kind = parseDType(*dtype);
    if (!kind)
      return fail("unsupported dtype '" + *dtype + "'");
    const llvm::json::Array *shapeArray = entry->getArray("shape");
    const llvm::json::Array *offsets = entry->getArray("data_offsets");
    if (!shapeArray || !offsets || offsets->size() != 2)
      return fail("needs 'shape' and two 'data_offsets'");
    TensorView view{*kind, {}, {}};
    int64_t elements = 1;
    for (const llvm::json::Value &dim : *shapeArray) {
      std::optional<int64_t> size = dim.getAsInteger();
      if (!size || *size < 0 || llvm::MulOverflow(elements, *size, elements))
        return fail("invalid shape");
      view.shape.push_back(*size);
    }
    std::optional<int64_t> begin = (*offsets)[0].getAsInteger();
    std::optional<int64_t> end = (*offsets)[1].getAsInteger();
    int64_t expected;
    if (!begin || !end || *begin < 0 || *end < *begin ||
        static_cast<uint64_t>(*end) > data.size())
      return fail("data_offsets outside the file's " +
                  llvm::Twine(data.size()) + " data bytes");
    if (llvm::MulOverflow(elements, getElementSize(*kind), expected) ||
        *end - *begin != expected)
      return fail("holds " + llvm::Twine(*end - *begin) + " bytes, shape " +
                  formatShape(view.shape) + " of " + *dtype + " needs " +
                  llvm::Twine(expected));
    view.bytes = llvm::ArrayRef<char>(data.data() + *begin, expected);
    if (*end > *begin) // empty tensors occupy no bytes and overlap nothing
      extents.push_back(
          {static_cast<uint64_t>(*begin), static_cast<uint64_t>(*end), name});
    file->names.push_back(name);
    file->tensors.try_emplace(name, std::move(view));
  }
  llvm::sort(extents, [](const Extent &a, const Extent &b) {
    return a.begin < b.begin;
  });
  for (size_t i = 1; i < extents.size(); ++i)
    if (extents[i].begin < extents[i - 1].end)
      return fileError(path, "corrupt safetensors file: the data of '" +
                                 extents[i].name + "' overlaps '" +
                                 extents[i - 1].name + "'");
  return file;
}

const TensorView *SafeTensorsFile::lookup(StringRef name) const {
  auto it = tensors.find(name);
  return it == tensors.end() ? nullptr : &it->second;
}

llvm::Error dit::writeSafeTensors(
    StringRef path,
    llvm::ArrayRef<std::pair<std::string, HostTensor>> tensors) {
  llvm::json::Object header;
  uint64_t offset = 0;
  for (const auto &[name, tensor] : tensors) {
    llvm::json::Array shape;
    for (int64_t dim : tensor.shape)
      shape.push_back(dim);
    header[name] = llvm::json::Object{
        {"dtype", getSafeTensorsName(tensor.kind)},
        {"shape", std::move(shape)},
        {"data_offsets",
         llvm::json::Array{offset, offset + tensor.data.size()}}};
    offset += tensor.data.size();
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(std::move(header));
  // Pad with spaces so the data starts 8-byte aligned, as the reference
  // writer does.
  while ((text.size() + 8) % 8 != 0)
    text.push_back(' ');

  std::error_code error;
  llvm::raw_fd_ostream out(path, error, llvm::sys::fs::OF_None);
  if (error)
    return fileError(path, "cannot write: " + error.message());
  uint64_t length = text.size();
  for (int i = 0; i < 8; ++i)
    out << static_cast<char>((length >> (8 * i)) & 0xff);
  out << text;
  for (const auto &entry : tensors)
    out.write(entry.second.data.data(), entry.second.data.size());
  out.close();
  if (out.has_error())
    return fileError(path, "cannot write: " + out.error().message());
  return llvm::Error::success();
}

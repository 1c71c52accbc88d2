// The NumPy .npy format: magic, version, header length, a Python dict literal header
// ({'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }) and the raw elements.
#include <algorithm>

#include "io/npy.h"
#include "tessera/driver/error.h"
#include "tessera/driver/tensor_io.h"

namespace tessera::driver {

namespace {

constexpr size_t kHeaderAlignment = 64;

struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  Shape shape;
};

class HeaderParser {
 public:
  HeaderParser(const std::string& text, const std::string& source) : text_(text), source_(source) {}

  NpyHeader parse() {
    NpyHeader header;
    header.descr = quoted_string(value_of("descr"));
    const size_t order = value_of("fortran_order");
    if (text_.compare(order, 4, "True") == 0) {
      header.fortran_order = true;
    } else if (text_.compare(order, 5, "False") != 0) {
      fail("'fortran_order' is neither True nor False");
    }
    header.shape = shape_tuple(value_of("shape"));
    return header;
  }

 private:
  [[noreturn]] void fail(const std::string& problem) const {
    throw FileFormatError(source_ + ": bad NumPy header: " + problem + " in " + text_);
  }

  // Where the value of dict key `key` starts.
  size_t value_of(const std::string& key) const {
    const size_t found = text_.find("'" + key + "'");
    if (found == std::string::npos) fail("no '" + key + "'");
    size_t position = text_.find(':', found);
    if (position == std::string::npos) fail("no value for '" + key + "'");
    ++position;
    while (position < text_.size() && text_[position] == ' ') ++position;
    return position;
  }

  std::string quoted_string(size_t position) const {
    const size_t end = position < text_.size() ? text_.find('\'', position + 1) : std::string::npos;
    if (text_[position] != '\'' || end == std::string::npos) fail("'descr' is not a string");
    return text_.substr(position + 1, end - position - 1);
  }

  Shape shape_tuple(size_t position) const {
    const size_t end = text_.find(')', position);
    if (position >= text_.size() || text_[position] != '(' || end == std::string::npos) {
      fail("'shape' is not a tuple");
    }
    Shape shape;
    const char* cursor = text_.c_str() + position + 1;
    const char* const last = text_.c_str() + end;
    while (cursor < last) {
      char* after = nullptr;
      const long long dim = std::strtoll(cursor, &after, 10);
      if (after == cursor) {
        if (*cursor == ',' || *cursor == ' ') {
          ++cursor;
          continue;
        }
        fail("'shape' holds something other than numbers");
      }
      if (dim < 0) fail("'shape' holds a negative dimension");
      shape.push_back(dim);
      cursor = after;
    }
    return shape;
  }

  const std::string& text_;
  const std::string& source_;
};

DataType data_type_of_descr(const std::string& descr, const std::string& source) {
  const bool little_endian_or_bytes =
      !descr.empty() && (descr[0] == '<' || descr[0] == '|' || descr[0] == '=');
  const std::string kind = descr.empty() ? descr : descr.substr(1);
  if (little_endian_or_bytes) {
    if (kind == "f4") return DataType::kFloat32;
    if (kind == "u1") return DataType::kUint8;
    if (kind == "i1") return DataType::kInt8;
    if (kind == "i4") return DataType::kInt32;
    if (kind == "i8") return DataType::kInt64;
  }
  throw UnsupportedError(source + ": NumPy element type '" + descr +
                         "' is not supported (supported: <f4, |u1, |i1, <i4, <i8)");
}

std::string descr_of(DataType type) {
  switch (type) {
    case DataType::kFloat32:
      return "<f4";
    case DataType::kUint8:
      return "|u1";
    case DataType::kInt8:
      return "|i1";
    case DataType::kInt32:
      return "<i4";
    case DataType::kInt64:
      break;
  }
  return "<i8";
}

// "()", "(3,)", "(2, 3)": how Python writes a tuple.
std::string python_tuple(const Shape& shape) {
  std::string text = "(";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + (shape.size() == 1 ? ",)" : ")");
}

uint32_t little_endian(const std::string& bytes, size_t offset, size_t width) {
  uint32_t value = 0;
  for (size_t i = 0; i < width; ++i) {
    value |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[offset + i])) << (8 * i);
  }
  return value;
}

}  // namespace

Tensor parse_npy(const std::string& bytes, const std::string& source) {
  constexpr size_t kVersionOffset = 6, kLengthOffset = 8;
  if (!io::has_npy_magic(bytes) || bytes.size() < kLengthOffset + 2) {
    throw FileFormatError(source + ": not a NumPy .npy file");
  }
  const int major = static_cast<uint8_t>(bytes[kVersionOffset]);
  if (major < 1 || major > 3) {
    throw UnsupportedError(source + ": NumPy format version " + std::to_string(major) +
                           " is not supported (supported: 1, 2, 3)");
  }
  // Version 1 has a 16-bit header length; versions 2 and 3 a 32-bit one.
  const size_t length_width = major == 1 ? 2 : 4;
  if (bytes.size() < kLengthOffset + length_width) {
    throw FileFormatError(source + ": truncated NumPy header");
  }
  const size_t header_start = kLengthOffset + length_width;
  const size_t header_length = little_endian(bytes, kLengthOffset, length_width);
  if (bytes.size() - header_start < header_length) {
    throw FileFormatError(source + ": truncated NumPy header");
  }
  const std::string text = bytes.substr(header_start, header_length);
  const NpyHeader header = HeaderParser(text, source).parse();
  if (header.fortran_order) {
    throw UnsupportedError(source + ": Fortran-ordered NumPy arrays are not supported");
  }
  const DataType type = data_type_of_descr(header.descr, source);
  const size_t data_start = header_start + header_length;
  const size_t available = bytes.size() - data_start;
  // Compare element counts: a byte count of an absurd shape could overflow.
  const int64_t count = valid_element_count(header.shape);
  const size_t width = element_size(type);
  if (count < 0 || available % width != 0 || available / width != static_cast<uint64_t>(count)) {
    throw FileFormatError(source + ": " + to_string(type) + " " + to_string(header.shape) +
                          " does not fit the " + std::to_string(available) +
                          " bytes of data after the header");
  }
  Tensor tensor(type, header.shape);
  std::copy(bytes.begin() + data_start, bytes.end(), tensor.bytes().begin());
  return tensor;
}

std::string serialize_npy(const Tensor& tensor) {
  std::string header = "{'descr': '" + descr_of(tensor.type()) +
                       "', 'fortran_order': False, 'shape': " + python_tuple(tensor.shape()) +
                       ", }";
  // Pad with spaces and a newline so the data starts on an aligned offset, as NumPy does.
  const size_t preamble = io::kNpyMagic.size() + 2 + 2;
  const size_t total =
      (preamble + header.size() + 1 + kHeaderAlignment - 1) / kHeaderAlignment * kHeaderAlignment;
  header.append(total - preamble - header.size() - 1, ' ');
  header.push_back('\n');
  std::string bytes = io::kNpyMagic;
  bytes.push_back('\x01');
  bytes.push_back('\x00');
  bytes.push_back(static_cast<char>(header.size() & 0xff));
  bytes.push_back(static_cast<char>(header.size() >> 8));
  bytes += header;
  bytes.append(reinterpret_cast<const char*>(tensor.bytes().data()), tensor.bytes().size());
  return bytes;
}

}  // namespace tessera::driver

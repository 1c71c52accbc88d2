#include "onnx_format/wire_format.h"

#include <cstdint>

namespace tessera::driver::onnx_format {

namespace {

enum WireType { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

// Reads a base-128 varint at `position`; false if the bytes end first.
bool read_varint(const std::string& bytes, size_t& position, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64 && position < bytes.size(); shift += 7) {
    const auto byte = static_cast<uint8_t>(bytes[position++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

std::string truncated(size_t field_start, uint64_t field, const std::string& detail) {
  return "truncated: field " + std::to_string(field) + " at byte " + std::to_string(field_start) +
         " " + detail;
}

}  // namespace

std::string wire_format_problem(const std::string& bytes) {
  size_t position = 0;
  while (position < bytes.size()) {
    const size_t start = position;
    uint64_t tag = 0;
    if (!read_varint(bytes, position, tag)) {
      return "truncated: the file ends inside the field tag at byte " + std::to_string(start);
    }
    const uint64_t field = tag >> 3;
    const auto wire_type = static_cast<unsigned>(tag & 7);
    if (field == 0) return "not a protobuf: field number 0 at byte " + std::to_string(start);
    const size_t remaining = bytes.size() - position;
    uint64_t value = 0;
    switch (wire_type) {
      case kVarint:
        if (!read_varint(bytes, position, value)) return truncated(start, field, "ends early");
        break;
      case kFixed64:
      case kFixed32: {
        const size_t width = wire_type == kFixed64 ? 8 : 4;
        if (remaining < width) return truncated(start, field, "ends early");
        position += width;
        break;
      }
      case kLengthDelimited:
        if (!read_varint(bytes, position, value)) return truncated(start, field, "ends early");
        if (value > bytes.size() - position) {
          return truncated(start, field,
                           "declares " + std::to_string(value) + " bytes but only " +
                               std::to_string(bytes.size() - position) + " remain");
        }
        position += value;
        break;
      default:
        return "not a protobuf: wire type " + std::to_string(wire_type) + " at byte " +
               std::to_string(start);
    }
  }
  return "malformed protobuf data inside a field";
}

}  // namespace tessera::driver::onnx_format

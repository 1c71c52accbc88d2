#include "text.h"

#include <cstdio>

namespace tessera::driver::detail {

std::string hex(uint64_t value) {
  char text[24];
  std::snprintf(text, sizeof(text), "0x%llx", static_cast<unsigned long long>(value));
  return text;
}

std::string byte_count(uint64_t bytes) {
  char text[64];
  std::snprintf(text, sizeof(text), "%llu bytes (%.1f MiB)", static_cast<unsigned long long>(bytes),
                static_cast<double>(bytes) / (1 << 20));
  return text;
}

std::string range(uint64_t address, uint64_t bytes) {
  return "[" + hex(address) + ", +" + std::to_string(bytes) + ")";
}

}  // namespace tessera::driver::detail

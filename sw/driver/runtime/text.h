// Small formatting helpers for the driver's error messages.
#pragma once

#include <cstdint>
#include <string>

namespace tessera::driver::detail {

std::string hex(uint64_t value);                      // "0x1f"
std::string byte_count(uint64_t bytes);               // "4194304 bytes (4.0 MiB)"
std::string range(uint64_t address, uint64_t bytes);  // "[0x84000000, +4096)"

}  // namespace tessera::driver::detail

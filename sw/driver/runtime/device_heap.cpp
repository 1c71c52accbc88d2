#include "device_heap.h"

#include <algorithm>

namespace tessera::driver::detail {

DeviceHeap::DeviceHeap(uint64_t base, uint64_t bytes, uint64_t alignment)
    : alignment_(alignment), size_(bytes) {
  // Both ends aligned, so that every block's start and size stay multiples of the alignment.
  const uint64_t start = (base + alignment - 1) & ~(alignment - 1);
  const uint64_t end = (base + bytes) & ~(alignment - 1);
  if (end > start) free_[start] = end - start;
}

std::optional<uint64_t> DeviceHeap::allocate(uint64_t bytes) {
  if (bytes == 0 || bytes > UINT64_MAX - alignment_) return std::nullopt;
  const uint64_t rounded = (bytes + alignment_ - 1) & ~(alignment_ - 1);
  for (auto it = free_.begin(); it != free_.end(); ++it) {
    if (it->second < rounded) continue;
    const uint64_t address = it->first, rest = it->second - rounded;
    free_.erase(it);
    if (rest) free_[address + rounded] = rest;
    used_[address] = rounded;
    return address;
  }
  return std::nullopt;
}

bool DeviceHeap::free(uint64_t address) {
  auto used = used_.find(address);
  if (used == used_.end()) return false;
  uint64_t start = address, bytes = used->second;
  used_.erase(used);
  auto next = free_.find(start + bytes);
  if (next != free_.end()) {
    bytes += next->second;
    free_.erase(next);
  }
  auto prev = free_.lower_bound(start);
  if (prev != free_.begin() && (--prev)->first + prev->second == start) {
    start = prev->first;
    bytes += prev->second;
    free_.erase(prev);
  }
  free_[start] = bytes;
  return true;
}

bool DeviceHeap::contains(uint64_t address, uint64_t bytes) const {
  auto it = used_.upper_bound(address);
  if (it == used_.begin()) return false;
  --it;
  const uint64_t offset = address - it->first;
  return offset < it->second && bytes <= it->second - offset;
}

uint64_t DeviceHeap::free_bytes() const {
  uint64_t total = 0;
  for (const auto& block : free_) total += block.second;
  return total;
}

uint64_t DeviceHeap::largest_free_block() const {
  uint64_t largest = 0;
  for (const auto& block : free_) largest = std::max(largest, block.second);
  return largest;
}

}  // namespace tessera::driver::detail

// DeviceHeap: the driver's allocator of device DRAM. First fit over the free blocks in address
// order; a freed block merges with free neighbours. Not thread-safe (the context locks it).
#pragma once

#include <cstdint>
#include <map>
#include <optional>

namespace tessera::driver::detail {

class DeviceHeap {
 public:
  // Hands out [base, base + bytes) in multiples of `alignment` (a power of two).
  DeviceHeap(uint64_t base, uint64_t bytes, uint64_t alignment);

  // The address of a new allocation of at least `bytes` (> 0); nothing if no block fits.
  std::optional<uint64_t> allocate(uint64_t bytes);
  // False if `address` is not the start of an allocation.
  bool free(uint64_t address);
  // Whether [address, address + bytes) lies inside one allocation.
  bool contains(uint64_t address, uint64_t bytes) const;

  uint64_t size() const { return size_; }
  uint64_t free_bytes() const;
  uint64_t largest_free_block() const;

 private:
  uint64_t alignment_, size_;
  std::map<uint64_t, uint64_t> free_;  // address -> bytes
  std::map<uint64_t, uint64_t> used_;  // address -> bytes
};

}  // namespace tessera::driver::detail

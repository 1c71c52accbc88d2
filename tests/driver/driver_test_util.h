// Helpers of the driver tests: status assertions, a booted device, host buffers.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tessera/driver/runtime.h"

#define ASSERT_OK(expr)                               \
  do {                                                \
    const ::tessera::driver::Status status_ = (expr); \
    ASSERT_TRUE(status_.ok()) << status_.to_string(); \
  } while (0)
#define EXPECT_OK(expr)                               \
  do {                                                \
    const ::tessera::driver::Status status_ = (expr); \
    EXPECT_TRUE(status_.ok()) << status_.to_string(); \
  } while (0)

namespace tessera::driver::testing {

using namespace std::chrono_literals;

inline std::string firmware(const std::string& name) {
  return std::string(TESSERA_FW_DIR) + "/" + name + ".elf";
}

// Opens and boots the device of this test's process (with the runtime firmware).
inline std::unique_ptr<Device> booted(const DeviceOptions& options = {}) {
  std::unique_ptr<Device> device;
  Status status = Device::open(options, &device);
  EXPECT_TRUE(status.ok()) << status.to_string();
  if (!status.ok()) return nullptr;
  status = device->boot();
  EXPECT_TRUE(status.ok()) << status.to_string();
  return status.ok() ? std::move(device) : nullptr;
}

// `count` int32 values from a simple deterministic sequence.
inline std::vector<int32_t> sequence(size_t count, uint32_t seed) {
  std::vector<int32_t> values(count);
  uint32_t x = seed;
  for (auto& v : values) {
    x = x * 1664525u + 1013904223u;
    v = static_cast<int32_t>(x);
  }
  return values;
}

inline bool contains(const Status& status, const std::string& text) {
  return status.message().find(text) != std::string::npos;
}

}  // namespace tessera::driver::testing

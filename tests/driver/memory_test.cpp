// Device memory: the heap, and copies between host and device through the host DMA.
#include <gtest/gtest.h>

#include <cstring>
#include <iostream>
#include <numeric>

#include "driver_test_util.h"

namespace tessera::driver::testing {
namespace {

constexpr uint64_t kMiB = 1 << 20;

TEST(Memory, MallocFreeAndOutOfMemoryLeaveTheDeviceUsable) {
  DeviceOptions options;
  options.config_overrides = {"dram.size_bytes=" + std::to_string(128 * kMiB)};
  auto device = booted(options);
  ASSERT_TRUE(device);
  EXPECT_EQ(device->properties().heap_bytes, 64 * kMiB);  // above the firmware's 64 MiB

  DevicePtr a, b, c;
  ASSERT_OK(device->malloc(&a, 40 * kMiB));
  Status status = device->malloc(&b, 40 * kMiB);
  EXPECT_EQ(status.code(), ErrorCode::kOutOfMemory) << status.to_string();
  EXPECT_TRUE(contains(status, "out of device memory: 41943040 bytes (40.0 MiB) requested"))
      << status.to_string();
  EXPECT_TRUE(contains(status, "24.0 MiB) free")) << status.to_string();

  EXPECT_EQ(device->malloc(&c, 0).code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(device->free(a + 256).code(), ErrorCode::kInvalidValue);
  ASSERT_OK(device->free(a));
  EXPECT_EQ(device->free(a).code(), ErrorCode::kInvalidValue);  // twice

  // Usable after: the space is back, and the device still copies.
  ASSERT_OK(device->malloc(&b, 40 * kMiB));
  const std::vector<int32_t> in = sequence(4096, 7);
  std::vector<int32_t> out(in.size());
  ASSERT_OK(device->memcpy_to_device(b + 20 * kMiB, in.data(), in.size() * 4));
  ASSERT_OK(device->memcpy_to_host(out.data(), b + 20 * kMiB, out.size() * 4));
  EXPECT_EQ(in, out);
  EXPECT_EQ(device->properties().heap_free_bytes, 24 * kMiB);
}

TEST(Memory, ARoundTripOfFourMiBThroughTheHostDmaKeepsEveryByte) {
  auto device = booted();
  ASSERT_TRUE(device);
  constexpr uint64_t bytes = 4 * kMiB;
  std::vector<uint8_t> in(bytes), out(bytes, 0);
  for (size_t i = 0; i < bytes; ++i) in[i] = static_cast<uint8_t>(i * 131 + (i >> 12));
  DevicePtr p;
  ASSERT_OK(device->malloc(&p, bytes));

  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  Event before, between, after;
  const auto wall_start = std::chrono::steady_clock::now();
  ASSERT_OK(stream.record(&before));
  ASSERT_OK(stream.memcpy_to_device(p, in.data(), bytes));
  ASSERT_OK(stream.record(&between));
  ASSERT_OK(stream.memcpy_to_host(out.data(), p, bytes));
  ASSERT_OK(stream.record(&after));
  ASSERT_OK(stream.synchronize(60s));
  const double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
          .count();
  EXPECT_TRUE(in == out);

  double to_device_ms = 0, to_host_ms = 0;
  ASSERT_OK(Event::elapsed_ms(before, between, &to_device_ms));
  ASSERT_OK(Event::elapsed_ms(between, after, &to_host_ms));
  EXPECT_GT(to_device_ms, 0);
  EXPECT_GT(to_host_ms, 0);
  // The link moves 16 bytes a cycle at 1 GHz: no copy can beat 16 GB/s.
  const double to_device_gbs = bytes / (to_device_ms * 1e6),
               to_host_gbs = bytes / (to_host_ms * 1e6);
  EXPECT_LT(to_device_gbs, 16.0);
  EXPECT_LT(to_host_gbs, 16.0);
  std::cout << "host->device " << to_device_gbs << " GB/s simulated, device->host " << to_host_gbs
            << " GB/s simulated; round trip of 4 MiB took " << wall_ms << " ms wall\n";
}

TEST(Memory, CopiesOutsideAnAllocationOrWithoutABufferAreInvalidValue) {
  auto device = booted();
  ASSERT_TRUE(device);
  DevicePtr p;
  ASSERT_OK(device->malloc(&p, 4096));
  std::vector<uint8_t> host(8192);
  Status status = device->memcpy_to_device(p + 2048, host.data(), 4096);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidValue) << status.to_string();
  EXPECT_TRUE(contains(status, "does not lie inside one device allocation")) << status.to_string();
  EXPECT_EQ(device->memcpy_to_host(nullptr, p, 16).code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(device->memcpy_to_host(host.data(), p, 0).code(), ErrorCode::kInvalidValue);
  ASSERT_OK(device->free(p));
  EXPECT_EQ(device->memcpy_to_host(host.data(), p, 16).code(), ErrorCode::kInvalidValue);
}

}  // namespace
}  // namespace tessera::driver::testing

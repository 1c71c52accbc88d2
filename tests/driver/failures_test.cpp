// Work that fails on the device: each failure is a clear error, and the device stays usable.
#include <gtest/gtest.h>

#include "driver_test_util.h"

namespace tessera::driver::testing {
namespace {

// The proof of "usable": a fresh list on the stream completes with the right result.
void expect_usable(Device& device, Stream& stream) {
  constexpr uint32_t bytes = 64 * 1024;
  DevicePtr p;
  ASSERT_OK(device.malloc(&p, bytes));
  ASSERT_OK(stream.launch(CommandList().fill(p, bytes, 0x600d).add_i32(p, p, p, bytes)));
  ASSERT_OK(stream.synchronize(60s));
  std::vector<uint32_t> out(bytes / 4);
  ASSERT_OK(device.memcpy_to_host(out.data(), p, bytes));
  EXPECT_EQ(out, std::vector<uint32_t>(bytes / 4, 2 * 0x600d));
  ASSERT_OK(device.free(p));
}

TEST(Failures, AHungKernelTimesOutAndAResetLeavesTheDeviceUsable) {
  auto device = booted();
  ASSERT_TRUE(device);
  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  Event hung, queued;
  ASSERT_OK(stream.launch(CommandList().nop().hang(0x2), &hung));
  ASSERT_OK(stream.launch(CommandList().nop(), &queued));  // behind it
  Status status = stream.synchronize(300ms);
  EXPECT_EQ(status.code(), ErrorCode::kTimeout) << status.to_string();
  EXPECT_TRUE(contains(status, "stream " + std::to_string(stream.id()) + ", list "))
      << status.to_string();
  EXPECT_TRUE(contains(status, "(NOP, HANG) did not complete within 300 ms")) << status.to_string();
  EXPECT_EQ(hung.query().code(), ErrorCode::kNotReady);

  size_t abandoned = 0;
  ASSERT_OK(device->reset(10s, &abandoned));
  EXPECT_EQ(abandoned, 2u);
  status = hung.query();
  EXPECT_EQ(status.code(), ErrorCode::kAborted) << status.to_string();
  EXPECT_TRUE(contains(status, "command 1 (HANG on tiles 0x2): abandoned by a device reset"))
      << status.to_string();
  ASSERT_EQ(hung.ops().size(), 2u);  // the NOP ran, the HANG ran until abandoned
  EXPECT_EQ(hung.ops()[1].tiles, 0x2u);
  EXPECT_EQ(queued.query().code(), ErrorCode::kAborted);
  EXPECT_TRUE(queued.ops().empty());  // it never started
  EXPECT_OK(stream.synchronize(1s));  // the reset reported them; the stream does not
  EXPECT_EQ(device->properties().tiles_online, 0xfu);  // the tile gave up its job
  expect_usable(*device, stream);
}

TEST(Failures, AnUnsupportedOpIsReportedAndTheDeviceStaysUsable) {
  auto device = booted();
  ASSERT_TRUE(device);
  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  tsr_command unknown{};
  unknown.opcode = 42;
  unknown.tile_mask = 0x1;
  Event event;
  ASSERT_OK(stream.launch(CommandList().nop().add(unknown).nop(), &event));
  const Status status = stream.synchronize(60s);
  EXPECT_EQ(status.code(), ErrorCode::kUnsupported) << status.to_string();
  EXPECT_TRUE(
      contains(status, "command 1 (opcode 42 on tiles 0x1): the firmware has no op opcode 42"))
      << status.to_string();
  EXPECT_EQ(event.ops().size(), 2u);  // the failed op has a record; the one after never ran
  EXPECT_OK(stream.synchronize(1s));  // reported once
  expect_usable(*device, stream);
}

TEST(Failures, AFaultInAKernelIsADeviceFaultAndTheDeviceStaysUsable) {
  auto device = booted();
  ASSERT_TRUE(device);
  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  ASSERT_OK(stream.launch(CommandList().fault(0x2)));
  const Status status = stream.synchronize(60s);
  EXPECT_EQ(status.code(), ErrorCode::kDeviceFault) << status.to_string();
  EXPECT_TRUE(contains(status, "tile 1 trapped in the kernel: load access fault"))
      << status.to_string();
  EXPECT_TRUE(contains(status, "mtval 0x20000000")) << status.to_string();
  expect_usable(*device, stream);
}

TEST(Failures, BadCommandsAreInvalidValueBeforeOrOnTheDevice) {
  auto device = booted();
  ASSERT_TRUE(device);
  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  DevicePtr p;
  ASSERT_OK(device->malloc(&p, 4096));
  // Caught by the driver, before anything reaches the device.
  Status status = stream.launch(CommandList());
  EXPECT_EQ(status.code(), ErrorCode::kInvalidValue) << status.to_string();
  status = stream.launch(CommandList().fill(p, 4096, 0, 0x10));
  EXPECT_EQ(status.code(), ErrorCode::kInvalidValue) << status.to_string();
  EXPECT_TRUE(contains(status, "tile mask 0x10 names tiles the chip does not have (it has 4)"))
      << status.to_string();
  status = stream.launch(CommandList().copy(p + 2048, p, 4096));
  EXPECT_EQ(status.code(), ErrorCode::kInvalidValue) << status.to_string();
  EXPECT_TRUE(contains(status, "command 0 (COPY): operand 0")) << status.to_string();
  tsr_command host_copy{};
  host_copy.opcode = TSR_OP_COPY_FROM_HOST;
  EXPECT_EQ(stream.launch(CommandList().add(host_copy)).code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(Stream().launch(CommandList().nop()).code(), ErrorCode::kInvalidValue);
  // Caught by the firmware: operands the kernel refuses, a tile mask on a manager op.
  ASSERT_OK(stream.launch(CommandList().add_i32(p, p, p, 6)));
  status = stream.synchronize(60s);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidValue) << status.to_string();
  EXPECT_TRUE(contains(status, "refused its operands")) << status.to_string();
  tsr_command nop_on_tiles{};
  nop_on_tiles.tile_mask = 0x1;
  ASSERT_OK(stream.launch(CommandList().add(nop_on_tiles)));
  status = stream.synchronize(60s);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidValue) << status.to_string();
  EXPECT_TRUE(contains(status, "tile mask does not suit the op")) << status.to_string();
  expect_usable(*device, stream);
}

TEST(Failures, ClosingTheDeviceWithWorkInFlightEndsItDeviceLost) {
  auto device = booted();
  ASSERT_TRUE(device);
  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  Event hung;
  ASSERT_OK(stream.launch(CommandList().hang(0xf), &hung));
  device.reset();  // does not wait for the hung kernel
  const Status status = hung.synchronize(1s);
  EXPECT_EQ(status.code(), ErrorCode::kDeviceLost) << status.to_string();
  EXPECT_TRUE(contains(status, "the device was closed")) << status.to_string();
  EXPECT_EQ(stream.launch(CommandList().nop()).code(), ErrorCode::kDeviceLost);
}

}  // namespace
}  // namespace tessera::driver::testing

// Opening, booting and closing the device, and what goes wrong on the way.
#include <gtest/gtest.h>

#include <sstream>

#include "driver_test_util.h"
#include "tessera/abi/host_protocol.h"

namespace tessera::driver::testing {
namespace {

TEST(Device, OpensBootsReportsItsPropertiesAndCloses) {
  std::unique_ptr<Device> device;
  ASSERT_OK(Device::open({}, &device));
  EXPECT_FALSE(device->properties().booted);
  ASSERT_OK(device->boot());
  const DeviceProperties p = device->properties();
  EXPECT_TRUE(p.booted);
  EXPECT_EQ(p.tiles, 4u);
  EXPECT_EQ(p.tiles_online, 0xfu);
  EXPECT_EQ(p.dram_bytes, 2ull << 30);
  EXPECT_EQ(p.heap_bytes, p.dram_bytes - TSR_FIRMWARE_DRAM_BYTES);
  EXPECT_EQ(p.heap_free_bytes, p.heap_bytes);
  EXPECT_EQ(p.clock_hz, 1e9);
  EXPECT_EQ(device->boot().code(), ErrorCode::kInvalidValue);  // booted already
  device.reset();
}

TEST(Device, ASecondOpenInOneProcessIsAlreadyOpen) {
  std::unique_ptr<Device> first, second;
  ASSERT_OK(Device::open({}, &first));
  const Status status = Device::open({}, &second);
  EXPECT_EQ(status.code(), ErrorCode::kAlreadyOpen) << status.to_string();
  EXPECT_TRUE(contains(status, "one device per process")) << status.to_string();
  EXPECT_EQ(second, nullptr);
  first.reset();
  EXPECT_EQ(Device::open({}, &second).code(), ErrorCode::kAlreadyOpen);  // opened once
}

TEST(Device, ABadConfigurationIsInvalidValueAndOpeningAgainWorks) {
  std::unique_ptr<Device> device;
  DeviceOptions options;
  options.config_overrides = {"mesh.x=0"};
  Status status = Device::open(options, &device);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidValue) << status.to_string();
  EXPECT_TRUE(contains(status, "mesh.x")) << status.to_string();
  options.config_overrides = {"sim.timeout_s=5"};  // the host's waits time out instead
  status = Device::open(options, &device);
  EXPECT_EQ(status.code(), ErrorCode::kInvalidValue) << status.to_string();
  EXPECT_TRUE(contains(status, "sim.timeout_s")) << status.to_string();
  options.config_overrides = {"mesh.x=3", "mesh.y=1"};
  ASSERT_OK(Device::open(options, &device));
  ASSERT_OK(device->boot());
  EXPECT_EQ(device->properties().tiles_online, 0x7u);
}

TEST(Device, ABadFirmwarePathIsInvalidFirmwareAndBootingTheRightOneWorks) {
  std::unique_ptr<Device> device;
  ASSERT_OK(Device::open({}, &device));
  const Status status = device->boot("/no/such/firmware.elf");
  EXPECT_EQ(status.code(), ErrorCode::kInvalidFirmware) << status.to_string();
  EXPECT_TRUE(contains(status, "/no/such/firmware.elf")) << status.to_string();
  ASSERT_OK(device->boot());
  DevicePtr p;
  ASSERT_OK(device->malloc(&p, 4096));
  const std::vector<int32_t> in = sequence(1024, 1);
  std::vector<int32_t> out(in.size());
  ASSERT_OK(device->memcpy_to_device(p, in.data(), 4096));
  ASSERT_OK(device->memcpy_to_host(out.data(), p, 4096));
  EXPECT_EQ(in, out);
}

TEST(Device, WorkBeforeBootIsNotReady) {
  std::unique_ptr<Device> device;
  ASSERT_OK(Device::open({}, &device));
  DevicePtr p;
  ASSERT_OK(device->malloc(&p, 64));  // the heap is the driver's: no firmware needed
  int32_t word = 0;
  EXPECT_EQ(device->memcpy_to_device(p, &word, 4).code(), ErrorCode::kNotReady);
  EXPECT_EQ(device->reset(1s).code(), ErrorCode::kNotReady);
}

TEST(Device, FirmwareThatNeverAnswersTimesOutAtBoot) {
  std::unique_ptr<Device> device;
  DeviceOptions options;
  options.boot_timeout = 300ms;
  ASSERT_OK(Device::open(options, &device));
  Status status = device->boot(firmware("sleep"));
  EXPECT_EQ(status.code(), ErrorCode::kTimeout) << status.to_string();
  EXPECT_TRUE(contains(status, "did not report ready within 300 ms")) << status.to_string();
  // Nothing in the chip resets a hart, so a started chip cannot boot other firmware.
  status = device->boot();
  EXPECT_EQ(status.code(), ErrorCode::kNotReady) << status.to_string();
}

TEST(Device, FirmwareThatEndsTheSimulationIsDeviceLostNotAHang) {
  std::ostringstream console;  // outlives the device, which flushes it when it closes
  std::unique_ptr<Device> device;
  DeviceOptions options;
  options.console = &console;
  ASSERT_OK(Device::open(options, &device));
  Status status = device->boot(firmware("hello"));  // prints, then exits
  EXPECT_EQ(status.code(), ErrorCode::kDeviceLost) << status.to_string();
  EXPECT_TRUE(contains(status, "exit code 0")) << status.to_string();
  EXPECT_NE(console.str().find("Hello from Tessera"), std::string::npos) << console.str();
  DevicePtr p;
  EXPECT_EQ(device->malloc(&p, 64).code(), ErrorCode::kDeviceLost);
}

}  // namespace
}  // namespace tessera::driver::testing

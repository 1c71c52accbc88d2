#include "host/host_interface.h"

#include <gtest/gtest.h>

#include <numeric>
#include <thread>

#include "bus/bus.h"
#include "memory/memory.h"
#include "tessera/hw/hostif_regs.h"
#include "tessera/hw/memory_map.h"
#include "tlm_test_util.h"

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

// A stand-in for the firmware: on each doorbell it reads the mailbox, copies `length` bytes
// from host memory to device memory and back, answers, and raises an MSI.
struct FirmwareStandIn : sc_core::sc_module {
  testing::TestInitiator cpu;
  sc_core::sc_event doorbell;
  unsigned served = 0;

  explicit FirmwareStandIn(sc_core::sc_module_name name) : sc_module(name), cpu("cpu") {
    SC_HAS_PROCESS(FirmwareStandIn);
    SC_THREAD(serve);
  }
  uint32_t reg(uint32_t offset) {
    return static_cast<uint32_t>(cpu.read(TESSERA_HOSTIF_BASE + offset, 4));
  }
  void set(uint32_t offset, uint32_t v) { cpu.write(TESSERA_HOSTIF_BASE + offset, v, 4); }
  void dma(uint64_t host, uint32_t device, uint32_t length, bool to_host) {
    set(HOSTIF_DMA_HOST_LO, static_cast<uint32_t>(host));
    set(HOSTIF_DMA_HOST_HI, static_cast<uint32_t>(host >> 32));
    set(HOSTIF_DMA_DEVICE, device);
    set(HOSTIF_DMA_LENGTH, length);
    set(HOSTIF_DMA_CONTROL, HOSTIF_DMA_START | (to_host ? HOSTIF_DMA_TO_HOST : 0));
    while (reg(HOSTIF_DMA_STATUS) & HOSTIF_DMA_BUSY) sc_core::wait(sc_time(100, SC_NS));
  }
  void serve() {
    for (;;) {
      sc_core::wait(doorbell);
      set(HOSTIF_IRQ_STATUS, 1);
      const uint64_t host = reg(HOSTIF_MAILBOX(0)) | (uint64_t{reg(HOSTIF_MAILBOX(1))} << 32);
      const uint32_t length = reg(HOSTIF_MAILBOX(2));
      dma(host, TESSERA_DRAM_BASE, length, false);
      dma(host + length, TESSERA_DRAM_BASE, length, true);
      set(HOSTIF_REPLY(0), reg(HOSTIF_DOORBELL));
      set(HOSTIF_REPLY(1), reg(HOSTIF_DMA_STATUS));
      set(HOSTIF_MSI, 0x100 + ++served);
    }
  }
};

TEST(HostInterface, HostThreadDrivesFirmwareThroughDoorbellMailboxDmaAndMsi) {
  const sc_time cycle(1, SC_NS);
  Bus bus("bus", cycle);
  Memory dram("dram", 1 << 20, false, cycle * 50.0);
  FirmwareStandIn firmware("firmware");
  HostInterface host("host", {cycle, cycle * 2.0, 16, 100}, [&](bool level) {
    if (level) firmware.doorbell.notify(sc_core::SC_ZERO_TIME);
  });
  firmware.cpu.socket.bind(bus.targets_in);
  host.dma_socket.bind(bus.targets_in);
  bus.map(host.socket, TESSERA_HOSTIF_BASE, TESSERA_HOSTIF_SIZE, "host");
  bus.map(dram.socket, TESSERA_DRAM_BASE, 1 << 20, "dram");

  host.attach_host();
  std::thread simulation([] { sc_core::sc_start(); });

  std::vector<uint8_t> buffer(2 * 8192);
  std::iota(buffer.begin(), buffer.begin() + 8192, 0);
  const uint64_t host_address = 0x1000000000ull;
  host.register_host_memory(host_address, buffer.data(), buffer.size());
  for (unsigned round = 1; round <= 2; ++round) {
    host.write_mailbox(0, static_cast<uint32_t>(host_address));
    host.write_mailbox(1, static_cast<uint32_t>(host_address >> 32));
    host.write_mailbox(2, 8192);
    host.ring_doorbell();
    uint32_t vector = 0;
    ASSERT_TRUE(host.wait_msi(vector, std::chrono::seconds(10)));
    EXPECT_EQ(vector, 0x100 + round);
    EXPECT_EQ(host.read_reply(0), round);
    EXPECT_EQ(host.read_reply(1), HOSTIF_DMA_DONE);
  }
  // The data went to the device and came back into the second half of the buffer.
  EXPECT_TRUE(std::equal(buffer.begin(), buffer.begin() + 8192, buffer.begin() + 8192));
  // Host memory the driver never registered: the DMA reports an error, nothing crashes.
  host.write_mailbox(0, 0xdead0000u);
  host.write_mailbox(1, 0);
  host.ring_doorbell();
  uint32_t vector = 0;
  ASSERT_TRUE(host.wait_msi(vector, std::chrono::seconds(10)));
  EXPECT_EQ(host.read_reply(1), HOSTIF_DMA_ERROR);
  EXPECT_FALSE(host.wait_msi(vector, std::chrono::milliseconds(50)));  // nothing more to come

  host.call([] { sc_core::sc_stop(); });
  host.detach_host();
  simulation.join();
  EXPECT_GT(sc_core::sc_time_stamp(), sc_time(8192 * 2 / 16, SC_NS));  // DMA took link time
}

}  // namespace
}  // namespace tessera

#include "memory/memory.h"

#include <gtest/gtest.h>

#include "tlm_test_util.h"

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using testing::TestInitiator;

struct MemoryBench {
  MemoryBench(uint64_t size, bool read_only)
      : memory("memory", size, read_only, sc_time(10, SC_NS)), initiator("initiator") {
    initiator.socket.bind(memory.socket);
  }
  Memory memory;
  TestInitiator initiator;
};

TEST(Memory, ReadsBackWritesAndAnnotatesLatency) {
  MemoryBench b(1 << 20, false);
  sc_time delay;
  uint32_t v = 0xdeadbeef;
  EXPECT_EQ(b.initiator.access(true, 0x100, &v, 4, &delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(delay, sc_time(10, SC_NS));
  EXPECT_EQ(b.initiator.read(0x100, 4), 0xdeadbeefu);
  EXPECT_EQ(b.initiator.read(0x102, 2), 0xdeadu);
}

TEST(Memory, OutOfRangeIsAnAddressError) {
  MemoryBench b(4096, false);
  tlm::tlm_response_status status;
  b.initiator.read(4096, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  b.initiator.read(4094, 4, &status);  // straddles the end
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST(Memory, RomRejectsWritesButGrantsReadOnlyDmiAndDebugWrites) {
  MemoryBench b(4096, true);
  EXPECT_EQ(b.initiator.write(0, 1, 4), tlm::TLM_COMMAND_ERROR_RESPONSE);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.initiator.dmi(0, false, dmi));
  EXPECT_TRUE(dmi.is_read_allowed());
  EXPECT_FALSE(dmi.is_write_allowed());
  uint32_t v = 0x12345678;
  EXPECT_EQ(b.initiator.debug(true, 8, &v, 4), 4u);
  EXPECT_EQ(b.initiator.read(8, 4), 0x12345678u);
}

TEST(Memory, DmiCoversTheArrayAndSharesItsBytes) {
  MemoryBench b(1 << 16, false);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.initiator.dmi(0x40, true, dmi));
  EXPECT_EQ(dmi.get_start_address(), 0u);
  EXPECT_EQ(dmi.get_end_address(), (1u << 16) - 1);
  EXPECT_TRUE(dmi.is_write_allowed());
  dmi.get_dmi_ptr()[0x40] = 0x5a;
  EXPECT_EQ(b.initiator.read(0x40, 1), 0x5au);
}

TEST(Memory, TwoGibibytesCostOnlyTheTouchedPages) {
  MemoryBench b(2ull << 30, false);
  EXPECT_EQ(b.memory.resident_bytes(), 0u);
  for (uint64_t a = 0; a < (2ull << 30); a += 256ull << 20) b.initiator.write(a, a, 8);
  EXPECT_EQ(b.initiator.read(1ull << 30, 8), 1ull << 30);
  EXPECT_LE(b.memory.resident_bytes(), 8u * (2u << 20));  // 8 touched pages, even as huge pages
}

}  // namespace
}  // namespace tessera

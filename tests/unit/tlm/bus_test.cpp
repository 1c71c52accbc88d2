#include "bus/bus.h"

#include <gtest/gtest.h>

#include "memory/memory.h"
#include "tlm_test_util.h"

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using testing::TestInitiator;

struct BusBench {
  BusBench()
      : bus("bus", sc_time(1, SC_NS)),
        low("low", 0x1000, false, sc_time(10, SC_NS)),
        high("high", 0x2000, false, sc_time(20, SC_NS)),
        initiator("initiator") {
    initiator.socket.bind(bus.targets_in);
    bus.map(low.socket, 0x1000, 0x1000, "low");
    bus.map(high.socket, 0x8000, 0x2000, "high");
    testing::elaborate();
  }
  Bus bus;
  Memory low, high;
  TestInitiator initiator;
};

TEST(Bus, RoutesByAddressAndRebases) {
  BusBench b;
  sc_time delay;
  uint32_t v = 0xabcd;
  ASSERT_EQ(b.initiator.access(true, 0x8004, &v, 4, &delay), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(delay, sc_time(21, SC_NS));  // decode + target latency
  uint32_t back = 0;
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.initiator.dmi(0x8004, false, dmi));
  std::memcpy(&back, dmi.get_dmi_ptr() + (0x8004 - dmi.get_start_address()), 4);
  EXPECT_EQ(back, 0xabcdu);
  EXPECT_EQ(b.initiator.read(0x8004, 4), 0xabcdu);
  EXPECT_EQ(b.initiator.read(0x1004, 4), 0u);  // a different target
}

TEST(Bus, UnmappedAddressIsAnAddressError) {
  BusBench b;
  tlm::tlm_response_status status;
  b.initiator.read(0x3000, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  b.initiator.read(0x1ffe, 4, &status);  // straddles the end of a window
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(b.initiator.dmi(0x3000, false, dmi));
  uint32_t v = 0;
  EXPECT_EQ(b.initiator.debug(false, 0x3000, &v, 4), 0u);
}

TEST(Bus, DmiGrantIsInGlobalAddresses) {
  BusBench b;
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.initiator.dmi(0x8100, true, dmi));
  EXPECT_EQ(dmi.get_start_address(), 0x8000u);
  EXPECT_EQ(dmi.get_end_address(), 0x9fffu);
}

TEST(Bus, OverlappingWindowsAreRejected) {
  Bus bus("bus", sc_time(1, SC_NS));
  Memory a("a", 0x1000, false, sc_time(1, SC_NS)), b("b", 0x1000, false, sc_time(1, SC_NS));
  bus.map(a.socket, 0x1000, 0x1000, "a");
  EXPECT_THROW(bus.map(b.socket, 0x1800, 0x1000, "b"), std::invalid_argument);
}

TEST(Bus, FindNamesTheWindow) {
  BusBench b;
  ASSERT_NE(b.bus.find(0x9fff), nullptr);
  EXPECT_EQ(b.bus.find(0x9fff)->name, "high");
  EXPECT_EQ(b.bus.find(0xa000), nullptr);
}

}  // namespace
}  // namespace tessera

#include "sram/scratchpad.h"

#include <gtest/gtest.h>

#include "block_configs.h"

#include "timed_access.h"

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_ZERO_TIME;
using testing::TestInitiator;
using testing::timed_access;

using testing::cycles;

// Default geometry: 8 banks of 16-byte rows (a 128-byte stripe), 1 cycle of latency. Two
// initiators (say a core and the NoC) share it.
struct ScratchpadBench {
  explicit ScratchpadBench(ScratchpadConfig config = scratchpad_config(PlatformConfig{}))
      : sram("sram", config), core("core"), noc("noc") {
    core.socket.bind(sram.socket);
    noc.socket.bind(sram.socket);
    testing::elaborate();
  }
  Scratchpad sram;
  TestInitiator core, noc;
};

TEST(Scratchpad, ZeroLoadLatencyIsRowsPerBankPlusLatency) {
  ScratchpadBench b;
  uint8_t data[256] = {};
  EXPECT_EQ(timed_access(b.core, false, 0x24, data, 4, SC_ZERO_TIME).end, cycles(1 + 1));
  // 128 aligned bytes: one row in each of the 8 banks, all at once.
  EXPECT_EQ(timed_access(b.core, false, 0x1000, data, 128, cycles(10)).end, cycles(10 + 1 + 1));
  // 256 bytes: two rows per bank.
  EXPECT_EQ(timed_access(b.core, false, 0x2000, data, 256, cycles(20)).end, cycles(20 + 2 + 1));
}

TEST(Scratchpad, SameBankAccessesSerialiseAndOtherBanksOverlap) {
  ScratchpadBench b;
  uint8_t data[16] = {};
  ASSERT_EQ(b.sram.bank_of(0x000), b.sram.bank_of(0x080));  // 128 bytes apart: same bank
  ASSERT_NE(b.sram.bank_of(0x000), b.sram.bank_of(0x010));
  EXPECT_EQ(timed_access(b.core, false, 0x000, data, 16, SC_ZERO_TIME).end, cycles(2));
  EXPECT_EQ(timed_access(b.noc, true, 0x080, data, 16, SC_ZERO_TIME).end, cycles(3));  // waits
  EXPECT_EQ(timed_access(b.noc, true, 0x010, data, 16, SC_ZERO_TIME).end, cycles(2));  // parallel
  EXPECT_EQ(b.sram.bank(0).timeline.waited_ticks(), cycles(1).value());
  EXPECT_EQ(b.sram.bank(1).timeline.waited_ticks(), 0u);
}

TEST(Scratchpad, WideAccessWaitsOnlyForTheBanksItShares) {
  ScratchpadBench b;
  uint8_t data[128] = {};
  // Four accesses to rows of bank 3 keep it busy for cycles 0 to 4.
  for (unsigned row = 0; row < 4; ++row)
    timed_access(b.core, false, 0x30 + 128 * row, data, 16, SC_ZERO_TIME);
  // A 128-byte access touching all banks finishes when bank 3 frees up.
  EXPECT_EQ(timed_access(b.noc, false, 0x400, data, 128, SC_ZERO_TIME).end, cycles(4 + 1 + 1));
}

TEST(Scratchpad, CountsTheBytesEachBankMoves) {
  ScratchpadBench b;
  uint8_t data[40] = {};
  // 40 bytes from 0x0c: 4 bytes in bank 0, 16 in bank 1, 16 in bank 2, 4 in bank 3.
  timed_access(b.core, true, 0x0c, data, 40, SC_ZERO_TIME);
  EXPECT_EQ(b.sram.bank(0).bytes, 4u);
  EXPECT_EQ(b.sram.bank(1).bytes, 16u);
  EXPECT_EQ(b.sram.bank(2).bytes, 16u);
  EXPECT_EQ(b.sram.bank(3).bytes, 4u);
  EXPECT_EQ(b.sram.bank(4).uses, 0u);
}

TEST(Scratchpad, DmiCoversTheArrayAndDebugIsUntimed) {
  ScratchpadBench b;
  EXPECT_EQ(b.core.write(0x100, 0xcafe, 2), tlm::TLM_OK_RESPONSE);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.noc.dmi(0x100, true, dmi));
  EXPECT_EQ(dmi.get_start_address(), 0u);
  EXPECT_EQ(dmi.get_end_address(), 512u * 1024 - 1);
  EXPECT_EQ(dmi.get_dmi_ptr()[0x100], 0xfe);
  uint16_t v = 0;
  EXPECT_EQ(b.noc.debug(false, 0x100, &v, 2), 2u);
  EXPECT_EQ(v, 0xcafe);
  tlm::tlm_response_status status;
  b.core.read(512 * 1024, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST(Scratchpad, RejectsASizeThatIsNotWholeRowsAcrossTheBanks) {
  ScratchpadConfig c = scratchpad_config(PlatformConfig{});
  c.size_bytes = 1000;  // not a multiple of 8 banks x 16 bytes
  try {
    Scratchpad sram("sram", c);
    FAIL() << "accepted " << c.size_bytes << " bytes";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("multiple of banks x bank_width_bytes (128)"),
              std::string::npos)
        << e.what();
  }
  c = scratchpad_config(PlatformConfig{});
  c.banks = 0;
  EXPECT_THROW(Scratchpad("no_banks", c), std::invalid_argument);
}

}  // namespace
}  // namespace tessera
